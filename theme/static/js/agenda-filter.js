// Combine filters on an agenda page (a category and a place and an audience...). Without JavaScript
// the form is not shown and the filter pages (/agenda/filters/) offer one filter at a time.
(function () {
  "use strict";
  var box = document.querySelector("details.agenda-filter");
  if (!box) return;
  var form = box.querySelector("form");
  var items = Array.prototype.slice.call(document.querySelectorAll("main li.event"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var count = form.querySelector(".filter-count");
  var empty = form.querySelector(".filter-empty");
  var months = Array.prototype.slice.call(document.querySelectorAll("a[rel=prev], a[rel=next]"));

  function matches(item, wanted) {
    return Object.keys(wanted).every(function (facet) {
      return (item.getAttribute("data-" + facet) || "").split(" ").indexOf(wanted[facet]) !== -1;
    });
  }

  function apply() {
    var wanted = {};
    selects.forEach(function (select) { if (select.value) wanted[select.name] = select.value; });
    var shown = 0;
    items.forEach(function (item) {
      item.hidden = !matches(item, wanted);
      if (!item.hidden) shown++;
    });
    document.querySelectorAll("main section.day").forEach(function (day) {
      day.hidden = !day.querySelector("li.event:not([hidden])");
    });
    count.textContent = count.getAttribute("data-template")
      .replace("{shown}", shown).replace("{total}", items.length);
    empty.hidden = shown > 0;
    var query = new URLSearchParams(wanted).toString();  // a choice that can be bookmarked or shared
    history.replaceState(null, "", query ? "?" + query : location.pathname);
    months.forEach(function (link) {  // and that follows the reader to the next month
      link.search = query ? "?" + query : "";
    });
  }

  var asked = new URLSearchParams(location.search);
  selects.forEach(function (select) {
    if (asked.get(select.name)) select.value = asked.get(select.name);
    select.addEventListener("change", apply);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  box.classList.add("scripted");
  if (asked.toString()) {
    box.open = true;
    apply();
  }
})();
