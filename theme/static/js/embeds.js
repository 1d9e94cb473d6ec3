// Click-to-load players: nothing from another site is loaded until the reader asks for it.
// Without JavaScript the links stay plain links; with it, "play here" appears next to the first one.
(function () {
  "use strict";
  var players = [  // the reader already pressed play: the player starts by itself
    [/youtube\.com\/watch\?v=([\w-]+)|youtu\.be\/([\w-]+)/, "https://www.youtube-nocookie.com/embed/$?autoplay=1"],
    [/^(https:\/\/[^/]+)\/(?:w|videos\/watch)\/([\w-]+)/, "PEERTUBE"],
    [/bandcamp\.com/, null]
  ];
  function embedUrl(url) {
    for (var i = 0; i < players.length; i++) {
      var match = url.match(players[i][0]);
      if (!match || !players[i][1]) continue;
      if (players[i][1] === "PEERTUBE") return match[1] + "/videos/embed/" + match[2] + "?autoplay=1";
      return players[i][1].replace("$", match[1] || match[2]);
    }
    return null;
  }
  document.querySelectorAll("button.play-here").forEach(function (button) {
    var url = embedUrl(button.getAttribute("data-embed"));
    if (!url) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = url;
      frame.title = button.closest("li[id]").querySelector("h2").textContent;
      frame.width = "100%";
      frame.height = "200";
      frame.setAttribute("allow", "autoplay; encrypted-media");
      button.replaceWith(frame);
      frame.focus();  // where the button was, not back at the top of the page
    });
  });
})();
