// The search page: a thin layer over Pagefind's JS API (https://pagefind.app/docs/api/).
// Results are built with DOM methods only, so no text from the archive is ever parsed as markup.
const PAGE_SIZE = 10;
const FACETS = ["section", "source", "year"];

const form = document.getElementById("search-form");
// One Pagefind index per period, newest first. The newest answers first; the older ones are
// searched once its results show. By relevance, they are merged into one instance (mergeIndex:
// one copy of Pagefind's code). By date, each period is searched by its own instance (a module
// per URL) and the lists follow each other: mergeIndex would interleave them by score.
const bundles = form.dataset.bundles.split(" ");
// The years each bundle holds: a search for one year opens only the bundles that have it.
const yearsOf = new Map(form.dataset.years.split(" ").map((years, i) => [bundles[i], years.split(",")]));
const input = document.getElementById("search-q");
const sortSelect = document.getElementById("search-sort");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const selects = Object.fromEntries(FACETS.map((f) => [f, document.getElementById(`search-${f}`)]));

/** How long typing must pause before a search runs: one search for a word typed, not one a key. */
const TYPING_PAUSE_MS = 40;

const instances = new Map();

/** A Pagefind instance, one per module URL, loaded on first use; `prepare` runs once on it. */
function instance(url, prepare = async () => undefined) {
  if (!instances.has(url)) {
    instances.set(
      url,
      (async () => {
        const pagefind = await import(url);
        // Records carry their full path (path prefix included): nothing to add to them.
        await pagefind.options({ baseUrl: "/", excerptLength: 30 });
        await prepare(pagefind);
        return pagefind;
      })(),
    );
  }
  return instances.get(url);
}

const primary = await instance(`${bundles[0]}pagefind.js`);
/** Every period in one instance, for relevance: the newest period's files, fetched again, come from the cache. */
const everything = () =>
  instance(`${bundles[0]}pagefind.js?all`, async (pagefind) => {
    for (const bundle of bundles.slice(1)) await pagefind.mergeIndex(bundle, { baseUrl: "/" });
  });
/** An older period on its own, for an order by date. */
const period = (bundle) => instance(`${bundle}pagefind.js`);

/** The periods a search has to look in, newest first. */
function periodsFor(filters) {
  return filters.year ? bundles.filter((bundle) => yearsOf.get(bundle).includes(filters.year)) : bundles;
}

/**
 * Every period's results after the first's: all merged by relevance, or period after period by
 * date. A search for one year keeps to that year's periods (one, or a few for a split year).
 */
async function searchRest(periods, term, options, first) {
  if (!options.sort && periods.length === bundles.length) return (await (await everything()).search(term, options)).results;
  const rest = await Promise.all(periods.slice(1).map(async (bundle) => (await (await period(bundle)).search(term, options)).results));
  const lists = [first, ...rest];
  if (!options.sort) return lists.flat().sort((a, b) => b.score - a.score);
  return (options.sort.date === "asc" ? lists.reverse() : lists).flat();
}

let results = [];
let shown = 0;
let generation = 0;

/** Pagefind's excerpt is HTML whose only tags are <mark>: keep the marks, take everything else as text. */
function excerptNode(html) {
  const p = document.createElement("p");
  p.className = "result-excerpt";
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  for (const node of doc.body.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      p.append(mark);
    } else {
      p.append(node.textContent);
    }
  }
  return p;
}

function resultItem(data) {
  const li = document.createElement("li");
  li.className = "result";
  const h = document.createElement("h2");
  h.className = "result-headline";
  const a = document.createElement("a");
  a.href = data.url;
  a.textContent = data.meta.title;
  h.append(a);
  const meta = document.createElement("p");
  meta.className = "result-meta";
  const time = document.createElement("time");
  time.dateTime = data.meta.date;
  time.textContent = new Date(`${data.meta.date}T00:00:00Z`).toLocaleDateString(document.documentElement.lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
  meta.append(time, ` · ${data.meta.section}`);
  li.append(h, meta, excerptNode(data.excerpt));
  return li;
}

async function showMore() {
  const mine = generation;
  const batch = await Promise.all(results.slice(shown, shown + PAGE_SIZE).map((r) => r.data()));
  if (mine !== generation) return;
  list.append(...batch.map(resultItem));
  shown += batch.length;
  more.hidden = shown >= results.length;
}

function currentQuery() {
  const filters = {};
  for (const f of FACETS) if (selects[f].value) filters[f] = selects[f].value;
  const sort = sortSelect.value === "newest" ? { date: "desc" } : sortSelect.value === "oldest" ? { date: "asc" } : undefined;
  return { term: input.value.trim(), filters, sort };
}

/** Keeps the address bar in step, so a search can be shared as a link. */
function syncUrl() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const f of FACETS) if (selects[f].value) params.set(f, selects[f].value);
  if (sortSelect.value) params.set("sort", sortSelect.value);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

async function run() {
  const mine = ++generation;
  const { term, filters, sort } = currentQuery();
  syncUrl();
  if (!term && Object.keys(filters).length === 0) {
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "";
    return;
  }
  const periods = periodsFor(filters);
  if (periods.length === 0) {
    await show([], term, mine);
    return;
  }
  const firstPeriod = periods[0] === bundles[0] ? primary : await period(periods[0]);
  // Not Pagefind's debouncedSearch: it preloads the index chunk of every prefix typed ("f",
  // "fr", ...), which at 100,000 articles doubled the bytes of a query for no result.
  await new Promise((resolve) => setTimeout(resolve, TYPING_PAUSE_MS));
  if (mine !== generation) return;
  const first = await firstPeriod.search(term || null, { filters, sort });
  if (mine !== generation) return;
  await show(first.results, term, mine);
  if (periods.length === 1) return;
  status.textContent += " Searching older articles…";
  const all = await searchRest(periods, term || null, { filters, sort }, first.results);
  if (mine === generation) await show(all, term, mine);
}

async function show(found, term, mine) {
  if (mine !== generation) return;
  results = found;
  shown = 0;
  list.replaceChildren();
  const n = results.length;
  status.textContent = n === 0 ? `No articles found${term ? ` for “${term}”` : ""}.` : `${n.toLocaleString()} article${n === 1 ? "" : "s"} found${term ? ` for “${term}”` : ""}.`;
  await showMore();
}

const params = new URLSearchParams(location.search);
input.value = params.get("q") ?? "";
sortSelect.value = params.get("sort") ?? "";
// The menus are written into the page at build time: asking Pagefind for them would download
// every filter file before the first query.
for (const f of FACETS) {
  const wanted = params.get(f);
  if (wanted && [...selects[f].options].some((o) => o.value === wanted)) selects[f].value = wanted;
}

// Fetch the index a first search will use while the reader types: the newest period's, unless a
// shared link asks for another year.
const opening = periodsFor(currentQuery().filters)[0];
if (opening) (opening === bundles[0] ? primary : await period(opening)).init();

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});
input.addEventListener("input", run);
for (const select of [...Object.values(selects), sortSelect]) select.addEventListener("change", run);
more.addEventListener("click", showMore);
run();
