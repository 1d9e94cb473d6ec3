// The kit's "Copy" buttons: the text of a field copied in one press (the Clipboard API), said in words
// beside the button. Without JavaScript the buttons stay hidden and each text is plain selectable text.
(function () {
  "use strict";
  function copied(field) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(field.value);
    field.select();  // an address that is not https (a preview on the local network): the older way
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var said = button.parentNode.querySelector("[role=status]");
    button.parentNode.classList.add("scripted");
    button.addEventListener("click", function () {
      copied(field).then(function () {
        said.textContent = button.getAttribute("data-copied");
      }, function () {
        field.focus();
        field.select();
        said.textContent = button.getAttribute("data-failed");
      });
    });
  });
})();
