// Where the browser can: copy the page's address, open the device's share sheet (links work without this).
(function () {
  "use strict";
  var address = document.getElementById("share-address");
  if (!address) return;
  var done = document.querySelector(".share-done");
  var copy = document.querySelector("button.share-copy");
  var sheet = document.querySelector("button.share-sheet");
  address.addEventListener("focus", function () { address.select(); });
  if (navigator.clipboard && window.isSecureContext) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(address.value).then(function () {
        done.textContent = done.getAttribute("data-copied");
      }, function () { address.focus(); });  // refused: the address is selected, ready to copy by hand
    });
  }
  if (typeof navigator.share === "function") {
    sheet.hidden = false;
    sheet.addEventListener("click", function () {
      var title = document.querySelector("main h1").textContent;
      navigator.share({title: title, text: title, url: address.value})
        .catch(function () {});  // closed by the reader: nothing to say
    });
  }
})();
