// The search page: results as the reader types. Pagefind's script, its index and each result's fragment are
// fetched from this site, in small chunks, from the first keystroke on; nothing is asked of anyone else.
// Two indexes: what is current (upcoming events, stories, tracks, places) and, when the reader asks for it,
// the past events, listed after the others under their own heading.
const form = document.querySelector("form.search-form");
const input = form.querySelector("input[name=q]");
const pastChoice = form.querySelector("input[name=past]");
const box = document.querySelector(".search-results");
const status = box.querySelector(".search-status");
const lists = { current: box.querySelector("[data-upcoming]"), archive: box.querySelector("[data-past]") };
const pastTitle = box.querySelector(".search-past-title");
const more = box.querySelector(".search-more");
const narrow = box.querySelector(".search-facets");
const facets = Array.from(narrow.querySelectorAll("fieldset[data-facet]"));
const PAGE = 10;

const engines = {};
let asked = 0; // the latest search: an answer to an earlier one is dropped
let found = [];
let shown = 0;

// One Pagefind per index, each from its own copy of pagefind.js: a module's WebAssembly is its own, and two
// indexes in one module's memory break each other. Searching runs on the page's thread: a worker would cost
// another script of 41 KB for a search that takes milliseconds.
function load(name) {
  if (!engines[name]) {
    const bundle = new URL(form.dataset[name], document.baseURI);
    engines[name] = import(new URL("pagefind.js", bundle).href).then(async (pagefind) => {
      await pagefind.options({
        baseUrl: new URL(form.dataset.root, document.baseURI).pathname,
        excerptLength: 24,
        noWorker: true,
      });
      await pagefind.init();
      if (narrow.open) await pagefind.filters();
      return pagefind;
    });
    engines[name].catch(() => delete engines[name]); // a network hiccup: the next key tries again
  }
  return engines[name];
}

function wanted() {
  return pastChoice && pastChoice.checked ? ["current", "archive"] : ["current"];
}

function chosen() {
  const filters = {};
  for (const fieldset of facets) {
    const values = Array.from(fieldset.querySelectorAll("input:checked"), (box) => box.value);
    if (values.length) filters[fieldset.dataset.facet] = { any: values };
  }
  return filters;
}

function remember(words) {
  const query = new URLSearchParams({ q: words });
  if (pastChoice && pastChoice.checked) query.set("past", "1");
  history.replaceState(null, "", "?" + query); // a search that can be bookmarked or shared
}

async function search(debounce) {
  const words = input.value.trim();
  const mine = ++asked;
  if (!words) {
    history.replaceState(null, "", location.pathname);
    box.hidden = true;
    box.setAttribute("aria-busy", "false");
    return;
  }
  box.hidden = false;
  box.setAttribute("aria-busy", "true");
  status.textContent = status.dataset.loading;
  try {
    const filters = chosen();
    const names = wanted();
    const pagefinds = await Promise.all(names.map(load));
    if (debounce) {
      await new Promise((resolve) => setTimeout(resolve, 200)); // the reader may still be typing
      if (mine !== asked) return;
    }
    const answers = await Promise.all(pagefinds.map((pagefind) => pagefind.search(words, { filters })));
    if (mine !== asked) return;
    remember(words);
    found = names.flatMap((name, index) => answers[index].results.map((result) => ({ name, result })));
    if (found.length && !matches(words, (await found[0].result.data()).excerpt)) found = [];
    if (mine !== asked) return;
    showFacets(answers);
    lists.current.replaceChildren();
    lists.archive.replaceChildren();
    shown = 0;
    status.textContent = found.length ? status.dataset.found.replace("{count}", found.length) : status.dataset.none;
    await showMore(mine);
  } catch (error) {
    status.textContent = status.dataset.failed;
    console.warn("search:", error);
  } finally {
    if (mine === asked) box.setAttribute("aria-busy", "false");
  }
}

// Pagefind answers a word it does not know with the pages of its longest known beginning ("secretnom" finds
// "se"): results whose highlighted words are not the reader's (whole, begun, or the same stem) are no results.
function matches(words, excerpt) {
  const plain = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const marked = Array.from(excerpt.matchAll(/<mark>(.*?)<\/mark>/g), (mark) => plain(mark[1]).split(/[^\p{L}\p{N}]+/u))
    .flat()
    .filter(Boolean); // "d'écriture" is "d" and "ecriture"
  return plain(words)
    .split(/\s+/)
    .filter((word) => word.length > 1)
    .every((word) => marked.some((mark) => mark.startsWith(word) || (word.startsWith(mark) && mark.length >= word.length * 0.6)));
}

async function showMore(mine) {
  const next = found.slice(shown, shown + PAGE);
  shown += next.length; // taken at once: a second click does not show the same results again
  more.disabled = true;
  const data = await Promise.all(next.map((hit) => hit.result.data()));
  if (mine !== asked) return;
  next.forEach((hit, index) => lists[hit.name].append(item(data[index])));
  pastTitle.hidden = !lists.archive.children.length;
  more.hidden = shown >= found.length;
  more.disabled = false;
}

function text(tag, className, words) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.textContent = words;
  return element;
}

function item(data) {
  const meta = data.meta;
  const li = document.createElement("li");
  const link = text("a", "", meta.title);
  link.href = data.url;
  const heading = document.createElement("p");
  heading.className = "search-title";
  heading.append(link, " ", text("span", "search-kind", meta.kind));
  if (meta.status) {
    heading.append(" ", text("strong", "status status-" + (meta.state || "").replace(/[^a-z-]/g, ""), meta.status));
  }
  li.append(heading);
  const facts = [meta.when, meta.where, meta.who, meta.collection].filter(Boolean).join(" · ");
  if (facts) li.append(text("p", "search-facts", facts));
  li.append(excerpt(data.excerpt));
  return li;
}

// The excerpt with its <mark>ed words: text and marks only, whatever else the string would hold.
function excerpt(html) {
  const paragraph = document.createElement("p");
  paragraph.className = "search-excerpt";
  const parsed = new DOMParser().parseFromString(html, "text/html").body;
  for (const node of parsed.childNodes) {
    if (node.nodeName === "MARK") paragraph.append(text("mark", "", node.textContent));
    else paragraph.append(node.textContent);
  }
  return paragraph;
}

// Each facet's values with the number of results each would leave, summed over the indexes searched. The counts
// need the facets' chunks, loaded when the reader opens "Narrow down" (a first search does without them).
function summed(answers, part) {
  const counts = {};
  for (const answer of answers) {
    for (const [facet, values] of Object.entries(answer[part] || {})) {
      counts[facet] = counts[facet] || {};
      for (const [value, count] of Object.entries(values)) counts[facet][value] = (counts[facet][value] || 0) + count;
    }
  }
  return counts;
}

// A facet with a value ticked keeps its other values, counted without the facet's own choice (ticking a second
// one adds its results); the others count what each value would leave.
function showFacets(answers) {
  const picked = chosen();
  const narrowed = summed(answers, "filters");
  const total = summed(answers, "totalFilters");
  const active = document.activeElement;
  const focused =
    active && active.matches("fieldset[data-facet] input") && narrow.contains(active)
      ? `fieldset[data-facet="${active.closest("fieldset").dataset.facet}"] input[value="${CSS.escape(active.value)}"]`
      : null;
  for (const fieldset of facets) {
    const facet = fieldset.dataset.facet;
    const mine = picked[facet] ? picked[facet].any : [];
    const counts = (mine.length ? total : narrowed)[facet] || {};
    const values = Object.keys(counts).filter((value) => mine.includes(value) || counts[value]);
    for (const value of mine) if (!values.includes(value)) values.push(value);
    const order = fieldset.dataset.order ? JSON.parse(fieldset.dataset.order) : null;
    if (order) values.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    else values.sort((a, b) => a.localeCompare(b, document.documentElement.lang));
    const list = fieldset.querySelector("ul");
    list.replaceChildren();
    for (const value of values) {
      const choice = document.createElement("input");
      choice.type = "checkbox";
      choice.value = value;
      choice.checked = mine.includes(value);
      choice.addEventListener("change", () => search(false));
      const label = document.createElement("label");
      const count = counts[value] || 0;
      label.append(choice, " " + value + " ", text("span", "search-count", "(" + count + ")"));
      const li = document.createElement("li");
      li.append(label);
      list.append(li);
    }
    fieldset.hidden = values.length < 2 && !mine.length;
  }
  if (focused) { // the boxes are made anew: the keyboard stays on the one it was on
    const again = narrow.querySelector(focused);
    if (again) again.focus();
  }
}

narrow.addEventListener("toggle", async () => {
  if (!narrow.open) return;
  await Promise.all(wanted().map(async (name) => (await load(name)).filters()));
  search(false);
});
input.addEventListener("input", () => search(true));
if (pastChoice) pastChoice.addEventListener("change", () => search(false));
form.addEventListener("submit", (event) => {
  event.preventDefault();
  search(false);
});
more.addEventListener("click", () => showMore(asked));
document.querySelector(".search-fallback").hidden = true;
const query = new URLSearchParams(location.search);
if (pastChoice) pastChoice.checked = query.get("past") === "1";
if (query.get("q")) {
  input.value = query.get("q");
  search(false);
}
