// The map of places, loaded only when the reader asks (or on load when the site says so): until then
// no tile, script or style is requested from another host. Leaflet itself is served by the site.
(function () {
  "use strict";
  var box = document.getElementById("places-map");
  if (!box) return;
  var button = box.querySelector("button.show-map");
  function load(url, tag) {
    return new Promise(function (done, fail) {
      var element = document.createElement(tag);
      if (tag === "link") { element.rel = "stylesheet"; element.href = url; } else { element.src = url; }
      element.onload = done; element.onerror = fail;
      document.head.appendChild(element);
    });
  }
  function show() {
    var vendor = box.getAttribute("data-vendor");
    box.classList.add("is-map");  // the map's room, taken at once: nothing moves when it comes
    if (button) { button.disabled = true; button.textContent = box.getAttribute("data-loading"); }
    Promise.all([load(vendor + "/leaflet.css", "link"), load(vendor + "/leaflet.js", "script")])
      .then(function () { return fetch(box.getAttribute("data-geojson")); })
      .then(function (response) { return response.json(); })
      .then(function (places) {
        box.innerHTML = "";
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", box.getAttribute("data-label"));
        box.tabIndex = -1;
        var map = L.map(box, { zoomControl: false });
        L.control.zoom({ zoomInTitle: box.getAttribute("data-zoom-in"), zoomOutTitle: box.getAttribute("data-zoom-out") }).addTo(map);
        L.tileLayer(box.getAttribute("data-tiles"), {
          maxZoom: 19, attribution: "&copy; OpenStreetMap"
        }).addTo(map);
        var layer = L.geoJSON(places, {
          pointToLayer: function (feature, where) {  // a marker a screen reader can name
            return L.marker(where, { alt: feature.properties.name, title: feature.properties.name });
          },
          onEachFeature: function (feature, marker) {
            var p = feature.properties, text = document.createElement("div"), link = document.createElement("a");
            link.href = p.url; link.textContent = p.name; text.appendChild(link);
            (p.upcoming || []).slice(0, 3).forEach(function (event) {
              var line = document.createElement("div"); line.textContent = event.when + " — " + event.title;
              text.appendChild(line);
            });
            marker.bindPopup(text);
          }
        }).addTo(map);
        map.fitBounds(layer.getBounds(), { padding: [20, 20] });
        box.setAttribute("data-markers", String(layer.getLayers().length));
        box.focus();  // the button is gone: the reader lands on the map, not at the top of the page
      })
      .catch(function () {
        if (!button) return;
        button.disabled = false;
        button.textContent = box.getAttribute("data-retry");
      });
  }
  box.closest("section").classList.add("scripted");  // without JavaScript there is no map to talk about
  if (box.getAttribute("data-on-load") === "true") { show(); return; }
  button.classList.add("scripted");
  button.addEventListener("click", show);
})();
