// The search page: a thin layer over Pagefind's JS API (https://pagefind.app/docs/api/).
// Results are built with DOM methods only, so no text from the archive is ever parsed as markup.
const PAGE_SIZE = 10;
const FACETS = ["section", "source", "year"];
/**
 * How many periods one step of a search may open while it has found nothing to show: the first
 * query's download stays near 300 kB (the newest period with Pagefind's code, about 170 kB; an
 * older one 115 to 140 kB) even when the words are not in the newest articles.
 */
const PERIODS_PER_STEP = 2;

const form = document.getElementById("search-form");
// One Pagefind index per period, newest first. A query searches one period, and goes on to the
// next only when the reader asks for more: every period searched costs an index chunk of ~25 kB,
// and a large archive has dozens of periods. By date, periods are taken in date order; by best
// match, those holding the query's rarer words first (the word directory), then newest first.
const bundles = form.dataset.bundles.split(" ");
const periods = bundles.map((bundle, index) => {
  const [from, to] = form.dataset.spans.split(" ")[index].split(",");
  // `bit`: the word directory counts periods from the oldest.
  return { bundle, index, bit: BigInt(bundles.length - 1 - index), years: form.dataset.years.split(" ")[index].split(","), from, to };
});
/** Where the word directory is (src/archive/wordDirectory.ts), when there are periods to choose between, and its number of files. */
const wordsBase = form.dataset.words;
const wordFileCount = Number(form.dataset.wordFiles);
const input = document.getElementById("search-q");
const sortSelect = document.getElementById("search-sort");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const selects = Object.fromEntries(FACETS.map((f) => [f, document.getElementById(`search-${f}`)]));

/** How long typing must pause before a search runs: one search for a word typed, not one a key. */
const TYPING_PAUSE_MS = 40;

// One copy of Pagefind's code and one worker; an instance per period, made when first searched.
// (mergeIndex would share more, but a merged instance fetches every merged period's chunk for
// each new word, so a reader who once looked far back would pay for it on every later query.)
const pagefind = await import(`${periods[0].bundle}pagefind.js`);
const instances = new Map();

function instance(period) {
  if (!instances.has(period.bundle)) {
    const made = pagefind.createInstance({ basePath: period.bundle });
    // Records carry their full path (path prefix included): nothing to add to them.
    instances.set(
      period.bundle,
      made.options({ baseUrl: "/", excerptLength: 30 }).then(() => made),
    );
  }
  return instances.get(period.bundle);
}

/** The periods a search looks in, in the order it looks: newest first, or oldest first. */
function periodsFor(filters, sort) {
  const inYear = filters.year ? periods.filter((p) => p.years.includes(filters.year)) : periods;
  return sort?.date === "asc" ? [...inYear].reverse() : inYear;
}

/** A word as the directory spells it: the rules of addDirectoryWords in src/archive/wordDirectory.ts. */
const KEPT = /^(?=[0-9]*[a-z])[a-z0-9]{3,}$/u;
function directoryWords(term) {
  const words = new Set();
  for (const token of term.normalize("NFD").toLowerCase().split(/\s+/u)) {
    const joined = token.replace(/[^\p{L}\p{N}]+/gu, "");
    if (KEPT.test(joined)) words.add(joined);
  }
  return [...words];
}

/**
 * What a word stands for in the directory: Pagefind stems words and matches what begins with the
 * stem ("prices" finds "price" and "pricing"), so a common ending is taken off and the rest
 * looked up as a beginning. Rough, and only ever costs an order: see wordDirectory.ts.
 */
const rootOf = (word) => {
  const root = word.replace(/(?:ings?|ed|e?s)$/u, "");
  return root.length >= 4 ? root : word;
};

/** The directory file holding a word: fileNumberOf in src/archive/wordDirectory.ts (FNV-1a of its first three characters). */
function fileNumberOf(word) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < Math.min(3, word.length); i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193) >>> 0;
  return hash % wordFileCount;
}

const wordFiles = new Map();
function wordsFile(number) {
  if (!wordFiles.has(number)) {
    const file = fetch(`${wordsBase}${number}.json`).then((r) => (r.ok ? r.json() : null)).catch(() => null);
    wordFiles.set(number, file);
  }
  return wordFiles.get(number);
}

/**
 * By best match, the periods holding more of the query's words come first, a word counting more
 * the fewer periods hold it; a word every period holds, or none, counts for nothing. Ties keep
 * the newest first: for common words, the order is by date.
 */
async function bestMatchOrder(term, candidates) {
  if (!wordsBase || !term || candidates.length < 2) return candidates;
  const words = directoryWords(term);
  const files = await Promise.all(words.map((word) => wordsFile(fileNumberOf(word))));
  const scores = new Map(candidates.map((p) => [p, 0]));
  words.forEach((word, i) => {
    const root = rootOf(word);
    let mask = 0n;
    for (const [entry, periodsHolding] of Object.entries(files[i] ?? {})) {
      if (!entry.startsWith(root)) continue;
      if (periodsHolding === "*") return;
      mask |= BigInt(`0x${periodsHolding}`);
    }
    const holding = periods.filter((p) => (mask >> p.bit) & 1n).length;
    if (holding === 0) return;
    const weight = Math.log(periods.length / holding);
    for (const p of candidates) if ((mask >> p.bit) & 1n) scores.set(p, scores.get(p) + weight);
  });
  return [...candidates].sort((a, b) => scores.get(b) - scores.get(a));
}

const dateFormat = new Intl.DateTimeFormat(document.documentElement.lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
const formatDate = (iso) => dateFormat.format(new Date(`${iso}T00:00:00Z`));
const spanOf = (period) => (period.from === period.to ? formatDate(period.from) : `${formatDate(period.from)} to ${formatDate(period.to)}`);
const inWords = (items) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

/** The search being shown: its query, the periods it will look in, and what it has found so far. */
let current = null;
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
  time.textContent = formatDate(data.meta.date);
  meta.append(time, ` · ${data.meta.section}`);
  li.append(h, meta, excerptNode(data.excerpt));
  return li;
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

/**
 * Searches the next periods of `search`, one at a time, until one has results to show or
 * PERIODS_PER_STEP have been searched. False if a newer search took over meanwhile.
 */
async function searchFurther(search) {
  const before = search.results.length;
  for (let opened = 0; opened < PERIODS_PER_STEP && search.searched < search.periods.length; opened++) {
    const period = search.periods[search.searched];
    const found = await (await instance(period)).search(search.term || null, { filters: search.filters, sort: search.sort });
    if (search.generation !== generation) return false;
    search.results.push(...found.results);
    search.searched++;
    if (search.results.length > before) break;
  }
  return true;
}

/** True while a search has gone through periods in date order (the first `count` of them). */
const inDateOrder = (search, count) => search.periods.slice(0, count).every((p, i) => p === search.byDate[i]);

/** Where a search has looked, when it has not looked everywhere: "since 3 March 2019". */
function reach(search) {
  if (search.searched === search.periods.length) return "";
  const last = search.periods[search.searched - 1];
  if (inDateOrder(search, search.searched)) return search.sort?.date === "asc" ? ` up to ${formatDate(last.to)}` : ` since ${formatDate(last.from)}`;
  const searched = search.periods.slice(0, search.searched).sort((a, b) => a.index - b.index);
  return searched.length <= 3 ? ` in articles from ${inWords(searched.map(spanOf))}` : ` in ${searched.length} of ${search.periods.length} periods`;
}

function describe(search) {
  const n = search.results.length;
  const words = search.term ? ` for “${search.term}”` : "";
  return n === 0 ? `No articles found${words}${reach(search)}.` : `${n.toLocaleString()} article${n === 1 ? "" : "s"} found${words}${reach(search)}.`;
}

/** The button under the list: more of what was found, or else a search of the next periods back. */
function offerMore(search) {
  const unshown = search.shown < search.results.length;
  const further = search.searched < search.periods.length;
  more.hidden = !unshown && !further;
  const last = search.periods[search.searched - 1];
  if (unshown) more.textContent = "More results";
  else if (further && inDateOrder(search, search.searched + 1)) more.textContent = search.sort?.date === "asc" ? `Search articles after ${formatDate(last.to)}` : `Search articles before ${formatDate(last.from)}`;
  else if (further) more.textContent = `Search articles from ${spanOf(search.periods[search.searched])}`;
}

// Not `disabled` on the button while it works: a disabled button drops the keyboard focus.
function busy(on) {
  if (on) status.setAttribute("aria-busy", "true");
  else status.removeAttribute("aria-busy");
}

async function showNext(search) {
  const batch = await Promise.all(search.results.slice(search.shown, search.shown + PAGE_SIZE).map((r) => r.data()));
  if (search.generation !== generation) return;
  list.append(...batch.map(resultItem));
  search.shown += batch.length;
}

/**
 * A search that cannot finish (an index file that will not load: the site redeployed under an
 * open page, or the network gone) says so, instead of leaving the page busy for good.
 */
function failed(error) {
  status.textContent = `The search could not finish (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.`;
  busy(false);
}

async function run() {
  const mine = ++generation;
  try {
    await runSearch(mine);
  } catch (error) {
    if (mine === generation) failed(error);
  }
}

async function runSearch(mine) {
  const { term, filters, sort } = currentQuery();
  syncUrl();
  busy(true);
  if (!term && Object.keys(filters).length === 0) {
    current = null;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "";
    busy(false);
    return;
  }
  // Not Pagefind's debouncedSearch: it preloads the index chunk of every prefix typed ("f",
  // "fr", ...), which at 100,000 articles doubled the bytes of a query for no result.
  await new Promise((resolve) => setTimeout(resolve, TYPING_PAUSE_MS));
  if (mine !== generation) return;
  const byDate = periodsFor(filters, sort);
  const order = sort ? byDate : await bestMatchOrder(term, byDate);
  if (mine !== generation) return;
  const search = { generation: mine, term, filters, sort, byDate, periods: order, searched: 0, results: [], shown: 0 };
  if (!(await searchFurther(search))) return;
  current = search;
  list.replaceChildren();
  status.textContent = describe(search);
  await showNext(search);
  if (mine !== generation) return;
  offerMore(search);
  busy(false);
}

async function showMore() {
  const search = current;
  // A second press while the first is at work would show the same results twice.
  if (!search || status.hasAttribute("aria-busy")) return;
  busy(true);
  try {
    if (search.shown >= search.results.length) {
      if (!(await searchFurther(search))) return;
      status.textContent = describe(search);
    }
    await showNext(search);
    if (search.generation !== generation) return;
    offerMore(search);
    busy(false);
  } catch (error) {
    if (search.generation === generation) failed(error);
  }
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

// Fetch the index a first search will use while the reader types.
const { filters: openingFilters, sort: openingSort } = currentQuery();
const opening = periodsFor(openingFilters, openingSort)[0];
if (opening) (await instance(opening)).init();

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});
input.addEventListener("input", run);
for (const select of [...Object.values(selects), sortSelect]) select.addEventListener("change", run);
more.addEventListener("click", showMore);
run();
