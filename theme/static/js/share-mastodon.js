// The Mastodon page: reads the message from its own address, asks for the reader's instance and sends them
// there. It remembers the instance only if asked, on this device only (nothing reaches the site's host).
(function () {
  "use strict";
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
