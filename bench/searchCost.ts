import { chromium, type CDPSession, type Page } from "playwright-core";
import { serveSite, type SiteServer } from "./serve.js";

/** Debian's chromium, never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

/** The search page's contract with its readers (and with this benchmark). */
const SEARCH = { path: "/search/", input: "#search-q", results: "#search-results", headline: ".result-headline a", status: "#search-status" };
const RESULTS_TIMEOUT = 60_000;

export type Group = "page" | "js" | "wasm" | "meta" | "words" | "index" | "fragment" | "filter";
export const GROUPS: readonly Group[] = ["js", "wasm", "meta", "words", "filter", "index", "fragment", "page"];

export interface Transfer {
  readonly url: string;
  readonly group: Group;
  /** Bytes on the wire (headers and encoded body), as the browser counted them. */
  readonly bytes: number;
  /** True where the browser reported no size and the server's body count stands in. */
  readonly estimated: boolean;
  /** Wall-clock ms when the request was sent. */
  readonly wall: number;
}

export interface QueryCost {
  readonly query: string;
  /** The count the page reported, e.g. 36 for "36 articles found". */
  readonly hits: number | null;
  /** From the last keystroke's input event to the results shown, in the page's clock. */
  readonly ms: number;
  /** Searches the page ran for a part of the word while it was typed (seen in its status line). */
  readonly partialSearches: number;
  /** Search bytes (the page's own HTML/CSS aside) until the results showed... */
  readonly bytes: number;
  /** ...and after, until the network went quiet. */
  readonly afterShownBytes: number;
  /** Wall-clock ms when the results showed: transfers sent later came after. */
  readonly shownAt: number;
  readonly transfers: readonly Transfer[];
}

export interface SearchCost {
  /** The search page's own HTML, CSS and icon, loaded before the first query. */
  readonly page: { readonly bytes: number; readonly transfers: readonly Transfer[] };
  /** Everything else from the page starting to load until the first query's results show. */
  readonly first: QueryCost;
  /** Typed after the first query's results, into the cleared box. */
  readonly second: QueryCost;
  readonly typing: readonly QueryCost[];
  readonly typingMedianMs: number;
  readonly pageErrors: readonly string[];
}

export function groupOf(url: string): Group {
  const p = new URL(url).pathname;
  if (p.endsWith(".pf_fragment")) return "fragment";
  if (p.endsWith(".pf_index")) return "index";
  if (p.endsWith(".pf_filter")) return "filter";
  if (p.endsWith(".pf_meta") || /\/pagefind[^/]*\.json$/u.test(p)) return "meta";
  if (p.endsWith(".pagefind") || p.endsWith(".wasm")) return "wasm";
  // The word directory: which periods and pages hold a word (src/search/directory.ts).
  if (p.includes("/search-words/")) return "words";
  if (p.endsWith(".js") || p.endsWith(".mjs")) return "js";
  return "page";
}

interface Recorded {
  url: string;
  /** Wall-clock ms when the request was sent: the page's clock can say which query it served. */
  wall: number;
  bytes?: number;
  done: boolean;
}

/**
 * Records every request of the page and of its workers over CDP. Pagefind fetches its index from
 * a web worker, which the page's own session does not see: workers are attached (paused at start,
 * so none of their requests is missed) through the non-flattened target protocol, the one kind
 * of child session a CDP session handed out by Playwright can drive.
 */
async function recordNetwork(page: Page): Promise<Map<string, Recorded>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const requests = new Map<string, Recorded>();
  // The fields read here, of the three Network events: the same in page and worker sessions.
  type NetworkEvent = { requestId: string; request?: { url: string }; wallTime?: number; encodedDataLength?: number };
  const handle = (origin: string, method: string, e: NetworkEvent): void => {
    if (method === "Network.requestWillBeSent" && e.request && e.wallTime !== undefined) {
      requests.set(origin + e.requestId, { url: e.request.url, wall: e.wallTime * 1000, done: false });
      return;
    }
    const r = requests.get(origin + e.requestId);
    if (r && method === "Network.loadingFinished") Object.assign(r, { bytes: e.encodedDataLength, done: true });
    if (r && method === "Network.loadingFailed") r.done = true;
  };
  for (const method of ["Network.requestWillBeSent", "Network.loadingFinished", "Network.loadingFailed"] as const) {
    cdp.on(method, (params) => handle("page:", method, params));
  }
  let id = 0;
  cdp.on("Target.attachedToTarget", ({ sessionId }) => {
    const send = (method: string): Promise<unknown> => cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id: ++id, method }) });
    // Network first, then let the worker run: it fetches its index as soon as it starts.
    void send("Network.enable").then(() => send("Runtime.runIfWaitingForDebugger"), () => undefined);
  });
  cdp.on("Target.receivedMessageFromTarget", ({ sessionId, message }) => {
    const m = JSON.parse(message) as { method?: string; params?: NetworkEvent };
    if (m.method && m.params) handle(`${sessionId}:`, m.method, m.params);
  });
  await cdp.send("Network.enable");
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return requests;
}

/**
 * Times, in the page, from the last keystroke to the moment results for the whole word are in
 * the list. Searches the page ran for a part of the word while it was typed are counted, by the
 * status line naming them: they cost requests of their own.
 */
function instrument(page: Page): Promise<void> {
  return page.evaluate((s) => {
    const input = document.querySelector<HTMLInputElement>(s.input)!;
    const list = document.querySelector(s.results)!;
    const status = document.querySelector(s.status)!;
    const bench = { expect: "", input: 0, shown: 0, partial: 0 };
    Object.assign(window, { __bench: bench });
    input.addEventListener("input", () => {
      bench.input = performance.now();
      bench.shown = 0;
    });
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    // Shown: the list holds results and the status names the whole word, whichever comes last.
    new MutationObserver(() => {
      const named = status.textContent?.includes(`“${bench.expect}”`);
      if (bench.expect !== "" && bench.shown === 0 && list.querySelector(s.headline) && named) bench.shown = performance.now();
    }).observe(list, { childList: true, subtree: true });
    new MutationObserver(() => {
      const named = status.textContent?.includes(`“${bench.expect}”`);
      if (bench.expect !== "" && bench.shown === 0 && named && list.querySelector(s.headline)) bench.shown = performance.now();
      if (bench.expect !== "" && bench.shown === 0 && status.textContent?.includes("“") && !named) bench.partial++;
    }).observe(status, { childList: true, characterData: true, subtree: true });
  }, SEARCH);
}

interface Shown {
  readonly ms: number;
  /** Wall-clock ms of the results showing, comparable with CDP's request times. */
  readonly wall: number;
  readonly hits: number | null;
  readonly partial: number;
}

/**
 * Keys as fast as the browser takes them, quicker than a search box's debounce, so the figures are
 * the word's and not its prefixes'; where the page searched a prefix all the same, it is reported.
 */
const KEY_DELAY_MS = 0;

async function typeQuery(page: Page, query: string): Promise<Shown> {
  const input = page.locator(SEARCH.input);
  if ((await input.inputValue()) !== "") {
    await input.fill("");
    await page.waitForFunction((s) => document.querySelector(s.results)?.children.length === 0, SEARCH);
  }
  await page.evaluate((q) => Object.assign((window as unknown as { __bench: object }).__bench, { expect: q, shown: 0, partial: 0 }), query);
  await input.pressSequentially(query, { delay: KEY_DELAY_MS });
  await page.waitForFunction(() => (window as unknown as { __bench: { shown: number } }).__bench.shown > 0, null, { timeout: RESULTS_TIMEOUT });
  return page.evaluate((s) => {
    const bench = (window as unknown as { __bench: { input: number; shown: number; partial: number } }).__bench;
    const count = /\d[\d,]*/u.exec(document.querySelector(s.status)?.textContent ?? "")?.[0]?.replace(/\D/gu, "");
    return { ms: bench.shown - bench.input, wall: performance.timeOrigin + bench.shown, hits: count ? Number(count) : null, partial: bench.partial };
  }, SEARCH);
}

/**
 * Waits until every request seen has finished and none has started for a while. A request
 * unanswered for seconds on loopback is one whose end the browser never reports (a worker's own
 * script, fetched by the browser process): it is not waited for.
 */
async function settle(requests: Map<string, Recorded>, quietMs = 1000, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = -1;
  let since = Date.now();
  while (Date.now() < until) {
    const pending = [...requests.values()].some((r) => !r.done && Date.now() - r.wall < 2000);
    if (requests.size !== last || pending) {
      last = requests.size;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function transfersBetween(requests: Map<string, Recorded>, server: SiteServer, from: number, to: number): Transfer[] {
  return [...requests.values()]
    .filter((r) => r.wall >= from && r.wall < to)
    .map((r) => {
      const path = decodeURIComponent(new URL(r.url).pathname);
      const estimated = r.bytes === undefined;
      return { url: r.url, group: groupOf(r.url), bytes: r.bytes ?? server.sent.get(path) ?? 0, estimated, wall: r.wall };
    });
}

const sum = (ts: readonly Transfer[]): number => ts.reduce((n, t) => n + t.bytes, 0);

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/**
 * What search costs a reader of the built site: bytes for a first and a second query, and the
 * time from typing to results. `queries` are the first, the second, then the typing set.
 */
export async function measureSearch(site: string, queries: readonly string[]): Promise<SearchCost> {
  if (queries.length < 3) throw new Error("measureSearch needs at least three queries");
  const server = await serveSite(site);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    const requests = await recordNetwork(page);
    const loading = Date.now();
    await page.goto(`${server.url}${SEARCH.path}`, { waitUntil: "networkidle" });
    await instrument(page);

    // A query's window runs from the page loading (the first) or the box being cleared (the
    // others) until the network is quiet after its results: whatever the page fetched once it had
    // shown them (more of a sharded index, say) is the query's too, and told apart.
    const cost = async (query: string, from = Date.now()): Promise<QueryCost> => {
      const shown = await typeQuery(page, query);
      await settle(requests);
      const transfers = transfersBetween(requests, server, from, Date.now());
      const search = transfers.filter((t) => t.group !== "page");
      const untilShown = search.filter((t) => t.wall < shown.wall);
      return {
        query,
        hits: shown.hits,
        ms: shown.ms,
        partialSearches: shown.partial,
        bytes: sum(untilShown),
        afterShownBytes: sum(search) - sum(untilShown),
        shownAt: shown.wall,
        transfers,
      };
    };
    const first = await cost(queries[0]!, loading);
    const second = await cost(queries[1]!);
    const typing: QueryCost[] = [];
    for (const query of queries.slice(2)) typing.push(await cost(query));
    const pageTransfers = first.transfers.filter((t) => t.group === "page");
    return {
      page: { bytes: sum(pageTransfers), transfers: pageTransfers },
      first: { ...first, transfers: first.transfers.filter((t) => t.group !== "page") },
      second,
      typing,
      typingMedianMs: median(typing.map((q) => q.ms)),
      pageErrors,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
