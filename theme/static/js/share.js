// Sharing, made easier where scripts run. The share links of a page are plain links and its address plain
// text without JavaScript; with it, a button copies the address and, where the device has a share sheet
// (the Web Share API), another opens it. The Mastodon page reads the message from its address, asks for the
// reader's instance and sends them there; it remembers the instance only if asked, on this device only.
(function () {
  "use strict";
  var address = document.getElementById("share-address");
  if (address) {
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
        navigator.share({title: sheet.getAttribute("data-title"), text: sheet.getAttribute("data-text"),
                         url: address.value}).catch(function () {});  // closed by the reader: nothing to say
      });
    }
  }

  var form = document.querySelector("form.mastodon-share");
  if (!form) return;
  var KEY = "kiosque-mastodon-instance";
  var instance = form.elements.instance, text = form.elements.text, remember = form.elements.remember;
  var message = new URLSearchParams(location.search).get("text");
  if (message) text.value = message;
  var kept = null;
  try { kept = localStorage.getItem(KEY); } catch (e) { /* storage refused: nothing is remembered */ }
  if (kept) { instance.value = kept; remember.checked = true; }

  function host(typed) {
    // "mastodon.example", "https://mastodon.example/home" or "@someone@mastodon.example": the server's name
    var name = typed.trim().replace(/^@?[^@\s]*@/, "");
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) name = "https://" + name;
    try {
      var url = new URL(name);
      return url.protocol === "https:" && url.hostname.indexOf(".") > 0 && !url.username ? url.host : null;
    } catch (e) {
      return null;
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var server = host(instance.value);
    instance.setCustomValidity(server ? "" : instance.getAttribute("data-invalid"));
    if (!server) { instance.reportValidity(); return; }
    try {
      if (remember.checked) localStorage.setItem(KEY, server); else localStorage.removeItem(KEY);
    } catch (e) { /* storage refused: the instance is simply not remembered */ }
    location.assign("https://" + server + "/share?text=" + encodeURIComponent(text.value));
  });
  instance.addEventListener("input", function () { instance.setCustomValidity(""); });
})();
