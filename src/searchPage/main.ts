/**
 * The search page: the form, the status line and the results, over ArchiveSearch. Bundled by the
 * build (esbuild) into assets/search.js. Results are built with DOM methods only, so no text from
 * the archive is ever parsed as markup.
 */
import { excerpt } from "../search/excerpt.js";
import { firstKeys, isPhrase, type DirectoryFile } from "../search/routing.js";
import type { DirectorySummary } from "../search/directory.js";
import { ArchiveSearch, fileFor, periodsAtOnce, SCREEN, type Answer, type Order, type Query } from "./archiveSearch.js";
import { PagefindWorker, type PageData } from "./pagefindWorker.js";
import { dayOf, type Period } from "./periods.js";
import { formatMatch, parseMatch, plainMatch, type TopicMatch } from "../search/topicFilter.js";

const PAGE_SIZE = SCREEN;
const FACETS = ["section", "source", "year"] as const;
/** How long typing must pause before a search runs: one search for a word typed, not one a key. */
const TYPING_PAUSE_MS = 40;

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const form = byId<HTMLFormElement>("search-form");
const input = byId<HTMLInputElement>("search-q");
const sortSelect = byId<HTMLSelectElement>("search-sort");
const fromInput = byId<HTMLInputElement>("search-from");
const toInput = byId<HTMLInputElement>("search-to");
const status = byId<HTMLParagraphElement>("search-status");
const list = byId<HTMLOListElement>("search-results");
const more = byId<HTMLButtonElement>("search-more");
const topicInput = byId<HTMLInputElement>("search-topic");
const topicNote = byId<HTMLParagraphElement>("search-topic-note");
const selects = Object.fromEntries(FACETS.map((f) => [f, byId<HTMLSelectElement>(`search-${f}`)])) as Record<(typeof FACETS)[number], HTMLSelectElement>;

// Periods newest first, as the form lists them; the directory numbers them from the oldest.
const data = form.dataset;
/** The archive's newest day (search.njk), to show the dates it takes by one it holds. */
const EXAMPLE_DAY = data.exampleDay ?? "";
const bundles = data.bundles!.split(" ");
const periods: Period[] = bundles.map((bundle, i) => {
  const [from, to] = data.spans!.split(" ")[i]!.split(",") as [string, string];
  return { bundle, number: bundles.length - 1 - i, years: data.years!.split(" ")[i]!.split(","), from, to };
});
const wordsBase = data.words!;
/** How many files the word directory is cut into (src/search/directory.ts). */
const wordFiles = Number(data.wordFiles);
const language = document.documentElement.lang || "en";

const directoryFiles = new Map<number, Promise<DirectoryFile>>();
function directory(file: number): Promise<DirectoryFile> {
  let loaded = directoryFiles.get(file);
  if (!loaded) {
    // A file that is not there holds no word: the hash of a beginning nothing in the archive has.
    loaded = fetch(`${wordsBase}${file}.json`).then((r) => (r.ok ? (r.json() as Promise<DirectoryFile>) : r.status === 404 ? {} : Promise.reject(new Error(`${r.status} for ${r.url}`))));
    loaded.catch(() => directoryFiles.delete(file));
    directoryFiles.set(file, loaded);
  }
  return loaded;
}

const summary = fetch(`${wordsBase}periods.json`).then((r) => {
  if (!r.ok) throw new Error(`${r.status} for ${r.url}`);
  return r.json() as Promise<DirectorySummary>;
});
summary.catch(() => undefined);
const pagefind = new PagefindWorker(data.worker!, language);
let searcher: Promise<ArchiveSearch> | null = null;
const archiveSearch = (): Promise<ArchiveSearch> =>
  (searcher ??= summary.then((s) => new ArchiveSearch({ periods, pages: s.pages, length: s.length, directory, fileCount: wordFiles, pagefind })));

const dateFormat = new Intl.DateTimeFormat(language, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
const formatDate = (iso: string): string => dateFormat.format(new Date(`${iso}T00:00:00Z`));
const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString(language)} ${n === 1 ? one : many}`;
const quoted = (words: readonly string[]): string => words.map((w) => `“${w}”`).join(words.length === 2 ? " or " : ", ");

function resultItem(page: PageData): HTMLLIElement {
  const li = document.createElement("li");
  li.className = "result";
  const h = document.createElement("h2");
  h.className = "result-headline";
  const a = document.createElement("a");
  a.href = page.url;
  a.textContent = page.meta.title ?? page.url;
  h.append(a);
  const meta = document.createElement("p");
  meta.className = "result-meta";
  const time = document.createElement("time");
  time.dateTime = page.meta.date ?? "";
  time.textContent = page.meta.date ? formatDate(page.meta.date) : "";
  meta.append(time, ` · ${page.meta.section ?? ""}`);
  const p = document.createElement("p");
  p.className = "result-excerpt";
  const locations = page.weighted_locations.map((l) => ({ location: l.location, score: l.balanced_score }));
  for (const part of excerpt(page.content, locations, Number(page.filters.lead?.[0] ?? 0))) {
    if (part.marked) {
      const mark = document.createElement("mark");
      mark.textContent = part.text;
      p.append(mark);
    } else p.append(part.text);
  }
  li.append(h, meta, p);
  return li;
}

/** The query the form holds, or why it holds none: a choice a link made that no menu has, dates that are not dates or that no day fits. */
function currentQuery(): Query | string {
  for (const f of FACETS) {
    const asked = unknownFacets.get(f);
    if (asked === undefined) continue;
    const menu = `${f[0]!.toUpperCase()}${f.slice(1)}`;
    return f === "year" ? `This archive has no articles from “${asked}”: pick a year from the Year menu.` : `No ${f} is named “${asked}” in this archive: pick one from the ${menu} menu.`;
  }
  const filters: Record<string, string> = {};
  for (const f of FACETS) if (selects[f].value) filters[f] = selects[f].value;
  // A topic from an address without its match is searched once the topics' list gives it.
  if (topic && topicMatch === null) return `Looking up the topic “${topic}”…`;
  const from = dayOf(fromInput.value, "from");
  const to = dayOf(toInput.value, "to");
  const reversed = typeof from === "string" && typeof to === "string" && from > to;
  const example = `a month (${EXAMPLE_DAY.slice(0, 7)}) or a day (${EXAMPLE_DAY})`;
  fromInput.setCustomValidity(from === undefined ? `Give ${example}` : "");
  toInput.setCustomValidity(to === undefined ? `Give ${example}` : reversed ? "A day on or after the “from” date" : "");
  // Said in the status too: a date from a link was never typed, so no field shows its message.
  if (from === undefined) return `“${fromInput.value.trim()}” is not a date to search from: give ${example}.`;
  if (to === undefined) return `“${toInput.value.trim()}” is not a date to search to: give ${example}.`;
  if (reversed) return `No day is both on or after ${formatDate(from)} and on or before ${formatDate(to)}: swap the dates.`;
  const text = input.value.trim();
  // With no words there is nothing to rank by: the newest come first, unless the oldest are asked for.
  const order: Order = sortSelect.value === "oldest" ? "oldest" : sortSelect.value === "newest" || text === "" ? "newest" : "best";
  return { text, filters, ...(topicMatch && { topic: topicMatch }), range: { from, to }, order };
}

/** Keeps the address bar in step, so a search can be shared as a link. */
function syncUrl(): void {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const f of FACETS) if (selects[f].value) params.set(f, selects[f].value);
  if (topic) params.set("topic", topic);
  if (fromInput.value.trim()) params.set("from", fromInput.value.trim());
  if (toInput.value.trim()) params.set("to", toInput.value.trim());
  if (sortSelect.value) params.set("sort", sortSelect.value);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

interface Shown {
  readonly generation: number;
  readonly query: Query;
  readonly answer: Answer;
  shown: number;
}

let current: Shown | null = null;
let generation = 0;

/** The first and last days of some periods. */
function spanOf(some: readonly Period[]): { from: string; to: string } {
  return {
    from: some.reduce((m, p) => (p.from < m ? p.from : m), some[0]!.from),
    to: some.reduce((m, p) => (p.to > m ? p.to : m), some[0]!.to),
  };
}

const narrowed = (query: Query): boolean => Object.keys(query.filters).length > 0 || query.topic !== undefined || query.range.from !== null || query.range.to !== null;

function describe({ query, answer }: Shown): string {
  const words = query.text ? ` for “${query.text}”` : "";
  const stood = answer.stoodIn.length;
  // Pagefind searches a word nothing begins with as the longest word it begins with ("volckerx" as "volcker").
  const stoodIn = stood > 0 ? ` No article holds ${quoted(answer.stoodIn)}: ${stood === 1 ? "it was" : "they were"} searched as the longest word${stood === 1 ? "" : "s"} of the archive ${stood === 1 ? "it begins" : "they begin"} with` : "";
  const absent = answer.absent.length > 0 && !answer.nothingHeld ? ` No article holds ${quoted(answer.absent)}, so ${answer.absent.length === 1 ? "it is" : "they are"} left out.` : "";
  const leftOut = absent + (stoodIn && `${stoodIn}.`);
  if (answer.nothingHeld) return `No articles found${words}: no article holds ${quoted(answer.absent)}.`;
  // A phrase is not searched without a word no article holds.
  if (answer.candidates.length === 0 && answer.absent.length > 0 && isPhrase(query.text)) return `No articles found${words}: no article holds ${quoted(answer.absent)}.`;
  if (answer.candidates.length === 0) return `No articles found${words}: no article${narrowed(query) ? " of those chosen" : ""} holds all of its words.${leftOut}`;
  const n = answer.found.length;
  const found = n === 0 ? `No articles found${words}` : `${count(n, "article")} found${words}`;
  if (answer.searched >= answer.candidates.length) return `${found}.${leftOut}`;
  const searched = answer.candidates.slice(0, answer.searched);
  const { from, to } = spanOf(searched);
  const left = answer.candidates.length - answer.searched;
  // Narrowed by section, topic or dates alone, a search has no words to hold, nor best matches.
  if (!query.text) return `${found} ${from === to ? `on ${formatDate(from)}` : `from ${formatDate(from)} to ${formatDate(to)}`}; ${count(left, "more date range")} to search.`;
  const rest = `${count(left, "more date range")} hold${left === 1 ? "s" : ""} its words`;
  // One word: how many articles of the whole archive hold it; one searched as another (no word
  // left out then), how many hold the other, said with it.
  const heldBy = answer.wordTotal && !narrowed(query) ? `${answer.wordTotal.exact ? "" : "up to "}${count(answer.wordTotal.pages, "article")}` : null;
  const verb = answer.wordTotal?.pages === 1 ? "holds" : "hold";
  const total = heldBy === null ? leftOut : stood > 0 ? `${stoodIn}, which ${heldBy} of the whole archive ${verb}.` : ` In the whole archive, ${heldBy} ${verb} “${query.text}”.${leftOut}`;
  if (query.order === "newest") return `${found} since ${formatDate(from)}; ${rest}.${total}`;
  if (query.order === "oldest") return `${found} up to ${formatDate(to)}; ${rest}.${total}`;
  return `${found} in the ${count(searched.length, "date range")} likeliest to hold the best matches (${from === to ? formatDate(from) : `${formatDate(from)} to ${formatDate(to)}`}) of the ${answer.candidates.length} that hold its words.${total}`;
}

function offerMore(s: Shown): void {
  const unshown = s.shown < s.answer.found.length;
  const further = s.answer.candidates.length - s.answer.searched;
  more.hidden = !unshown && further === 0;
  if (unshown) more.textContent = "More results";
  else if (further === 0) return;
  else if (s.query.order === "newest") more.textContent = `Search articles before ${formatDate(spanOf(s.answer.candidates.slice(0, s.answer.searched)).from)}`;
  else if (s.query.order === "oldest") more.textContent = `Search articles after ${formatDate(spanOf(s.answer.candidates.slice(0, s.answer.searched)).to)}`;
  else {
    const step = periodsAtOnce(periods.length);
    more.textContent = further <= step ? `Search the ${further === 1 ? "last date range" : `last ${further} date ranges`}` : `Search ${step} more of the ${further} date ranges left`;
  }
}

// Not `disabled` on the button while it works: a disabled button drops the keyboard focus.
function busy(on: boolean): void {
  if (on) status.setAttribute("aria-busy", "true");
  else status.removeAttribute("aria-busy");
}

async function showUpTo(s: Shown, upTo: number): Promise<void> {
  const batch = s.answer.found.slice(0, upTo);
  const pages = await Promise.all(batch.map((f) => f.index.data(f.result.data)));
  if (s.generation !== generation) return;
  list.replaceChildren(...pages.map(resultItem));
  s.shown = batch.length;
}

function failed(error: unknown): void {
  status.textContent = `The search could not finish (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.`;
  busy(false);
}

/** No results, and `why` in the status: a query the form cannot run, or none to run. */
function showNothing(why: string): void {
  current = null;
  list.replaceChildren();
  more.hidden = true;
  status.textContent = why;
  busy(false);
}

async function runSearch(mine: number, typed: boolean): Promise<void> {
  const query = currentQuery();
  syncUrl();
  if (typeof query === "string" || (!query.text && !narrowed(query))) {
    showNothing(typeof query === "string" ? query : "");
    return;
  }
  busy(true);
  // A query from the address was not typed: nothing to wait for.
  if (typed) await new Promise((resolve) => setTimeout(resolve, TYPING_PAUSE_MS));
  if (mine !== generation) return;
  for (const key of firstKeys(query.text)) fileFor({ directory, fileCount: wordFiles }, key).catch(() => undefined);
  const answer = await (await archiveSearch()).start(query);
  if (mine !== generation) return;
  const s: Shown = { generation: mine, query, answer, shown: 0 };
  current = s;
  await showUpTo(s, PAGE_SIZE);
  if (mine !== generation) return;
  status.textContent = describe(s);
  offerMore(s);
  busy(false);
}

async function run(typed = true): Promise<void> {
  const mine = ++generation;
  try {
    await runSearch(mine, typed);
  } catch (error) {
    if (mine === generation) failed(error);
  }
}

async function showMore(): Promise<void> {
  const s = current;
  // A second press while the first is at work would show the same results twice.
  if (!s || status.hasAttribute("aria-busy")) return;
  busy(true);
  try {
    const target = s.shown + PAGE_SIZE;
    if (s.shown >= s.answer.found.length) await (await archiveSearch()).searchMore(s.answer, s.query, s.shown);
    if (s.generation !== generation) return;
    await showUpTo(s, target);
    if (s.generation !== generation) return;
    status.textContent = describe(s);
    offerMore(s);
    busy(false);
  } catch (error) {
    if (s.generation === generation) failed(error);
  }
}

const params = new URLSearchParams(location.search);
input.value = params.get("q") ?? "";
sortSelect.value = params.get("sort") ?? "";
fromInput.value = params.get("from") ?? "";
toInput.value = params.get("to") ?? "";
/** A section, source or year a link asks for that the menu lacks: said so, until the reader picks from the menu. */
const unknownFacets = new Map<(typeof FACETS)[number], string>();
// The menus are written into the page at build time: asking Pagefind for them would download
// every filter file before the first query.
for (const f of FACETS) {
  const wanted = params.get(f);
  if (!wanted) continue;
  if ([...selects[f].options].some((o) => o.value === wanted)) selects[f].value = wanted;
  else unknownFacets.set(f, wanted);
  selects[f].addEventListener("change", () => unknownFacets.delete(f), { once: true });
}

/**
 * The topic searched within (a topic page's link, or the topic field), or "": applied only once
 * it is a topic's name, so that a name half typed never empties the results.
 */
let topic = "";
/** How the index finds its articles; null until known (an address may give the name alone). */
let topicMatch: TopicMatch | null = null;
function setTopic(name: string, match: TopicMatch | null): void {
  topic = name;
  topicMatch = name === "" ? null : match;
  topicInput.value = name;
  topicInput.setCustomValidity("");
  byId("search-topic-name").textContent = name;
  topicNote.hidden = name === "";
}
const linkedTopic = params.get("topic")?.trim() ?? "";
// A topic page's link gives the match too: the search starts without the topics' list.
const linkedMatch = parseMatch(params.get("in") ?? "");
setTopic(linkedTopic, linkedMatch);
byId("search-topic-clear").addEventListener("click", () => {
  setTopic("", null);
  input.focus();
  void run();
});

interface KnownTopic {
  readonly name: string;
  readonly match: TopicMatch | null;
}

/** The archive's topics by their names in lower case, fetched once the topic field is first used; its list offers them. */
let topicNames: Promise<Map<string, KnownTopic>> | null = null;
function knownTopics(): Promise<Map<string, KnownTopic>> {
  // A site without topics has no list to fetch (`"topics": false`): no name is a topic's.
  if (data.topics === undefined) return (topicNames ??= Promise.resolve(new Map()));
  topicNames ??= fetch(data.topics)
    .then((r) => (r.ok ? (r.json() as Promise<[string, number, string?][]>) : Promise.reject(new Error(`${r.status} for ${r.url}`))))
    .then((list) => {
      const options = document.createDocumentFragment();
      for (const [name, articles] of list) {
        const option = document.createElement("option");
        option.value = name;
        option.label = count(articles, "article");
        options.append(option);
      }
      // An archive with no topics has no list to fill.
      document.getElementById("search-topic-names")?.append(options);
      return new Map(list.map(([name, , match]) => [name.toLowerCase(), { name, match: match === undefined ? plainMatch(name) : parseMatch(match) }]));
    });
  topicNames.catch(() => (topicNames = null));
  return topicNames;
}
if (topicInput.type !== "hidden") {
  topicInput.addEventListener("focus", () => void knownTopics().catch(() => undefined), { once: true });
  topicInput.addEventListener("change", () => {
    const typed = topicInput.value.trim();
    if (typed === "") {
      setTopic("", null);
      void run();
      return;
    }
    knownTopics().then(
      (known) => {
        const found = known.get(typed.toLowerCase());
        if (found === undefined) {
          topicInput.setCustomValidity("No topic of that name: pick one from the list.");
          topicInput.reportValidity();
          return;
        }
        setTopic(found.name, found.match);
        void run();
      },
      () => {
        topicInput.setCustomValidity("The list of topics could not be loaded.");
        topicInput.reportValidity();
      },
    );
  });
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  void run();
});
input.addEventListener("input", () => void run());
for (const control of [...Object.values(selects), sortSelect]) control.addEventListener("change", () => void run());
for (const control of [fromInput, toInput]) control.addEventListener("change", () => void run());
more.addEventListener("click", () => void showMore());
void run(false);

/**
 * A topic from the address (a topic page's link, or one shared or typed by hand) is searched at
 * once, and checked against the topics' names meanwhile: in other capitals it is searched again
 * by its name; if no topic has it, the page says so rather than "No articles found".
 */
if (linkedTopic !== "") {
  knownTopics().then(
    (known) => {
      // Left alone once the reader has picked another topic.
      if (topic !== linkedTopic) return;
      const found = known.get(linkedTopic.toLowerCase());
      // The link's match held, or a link made before a rebuild: the list's is the archive's now.
      if (found?.name === linkedTopic && found.match !== null && linkedMatch !== null && formatMatch(found.match) === formatMatch(linkedMatch)) return;
      if (found !== undefined) {
        setTopic(found.name, found.match);
        void run();
        return;
      }
      generation++;
      setTopic("", null);
      topicInput.value = linkedTopic;
      topicInput.setCustomValidity("No topic of that name: pick one from the list.");
      showNothing(`No topic is named “${linkedTopic}”.${topicInput.type === "hidden" ? " This archive has no topics." : " Pick one from the Topic field’s list, or empty it to search every article."}`);
    },
    // Without the list, a link's match is searched as it came; a name alone cannot be.
    () => {
      if (topic === linkedTopic && topicMatch === null) showNothing(`The list of topics could not be loaded, so “${linkedTopic}” cannot be searched within: try again later.`);
    },
  );
}
