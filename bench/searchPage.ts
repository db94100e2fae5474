/**
 * The search page driven as a reader drives it, for `bench:quality`: a query typed, what the page
 * then shows with nothing pressed, the bytes it cost and how long it took.
 */
import type { BrowserContext, Page, Request } from "playwright-core";
import { groupOf, type Group } from "./searchCost.js";
import type { SiteServer } from "./serve.js";

/**
 * The search page's contract with its readers (and with this benchmark): the status has
 * aria-busy="true" while a search runs, and names the query in curly quotes once it is done.
 */
export const SEARCH = { path: "/search/", input: "#search-q", status: "#search-status", links: "#search-results .result-headline a" };
export const QUERY_TIMEOUT_MS = 30_000;
/** The page is done when nothing it shows has changed for this long. */
const STABLE_MS = 100;
const POLL_MS = 20;
/** The network is quiet when no request is open and none has started for this long. */
const QUIET_MS = 500;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Bytes

export interface Transfer {
  readonly path: string;
  readonly group: Group;
  /** Date.now() when the request was seen. */
  readonly started: number;
  /** Headers and encoded body; null until the request has finished. */
  bytes: number | null;
  /** True where the browser reported an empty body and the server's count stands in. */
  estimated: boolean;
}

/**
 * Every request of a page and of its dedicated workers (Playwright reports a worker's requests on
 * its page: Pagefind fetches its index from one), with the bytes it cost. Chromium fetches a
 * worker's own script in the browser process and reports no body for it: where a body of 0 bytes
 * came back, the server's count stands in. The bench's server sends no cache headers, so the
 * browser asks it again for anything it needs again: nothing is counted that did not cross.
 */
export class NetworkLog {
  readonly transfers: Transfer[] = [];
  private readonly open = new Map<Request, Transfer>();

  constructor(
    page: Page,
    private readonly server: SiteServer,
  ) {
    page.on("request", (request) => {
      const p = decodeURIComponent(new URL(request.url()).pathname);
      const transfer: Transfer = { path: p, group: groupOf(request.url()), started: Date.now(), bytes: null, estimated: false };
      this.transfers.push(transfer);
      this.open.set(request, transfer);
    });
    page.on("requestfinished", (request) => {
      const transfer = this.open.get(request);
      if (!transfer) return;
      void request.sizes().then(
        (s) => {
          const estimated = s.responseBodySize === 0;
          Object.assign(transfer, { bytes: s.responseHeadersSize + (estimated ? this.standIn(transfer) : s.responseBodySize), estimated });
          this.open.delete(request);
        },
        () => {
          Object.assign(transfer, { bytes: this.standIn(transfer), estimated: true });
          this.open.delete(request);
        },
      );
    });
    page.on("requestfailed", (request) => {
      const transfer = this.open.get(request);
      if (transfer) Object.assign(transfer, { bytes: 0 });
      this.open.delete(request);
    });
  }

  /** Waits for the sizes of the requests still open, up to `timeoutMs`; those left are sized by the server's count. */
  async settled(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.open.size > 0 && Date.now() < until) await sleep(POLL_MS);
    for (const transfer of this.open.values()) Object.assign(transfer, { bytes: this.standIn(transfer), estimated: true });
    this.open.clear();
  }

  private standIn(transfer: Transfer): number {
    return this.server.sent.get(transfer.path) ?? 0;
  }

  /** Waits until no request is open and none has started for QUIET_MS. */
  async quiet(timeoutMs = QUERY_TIMEOUT_MS): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const last = this.transfers.at(-1)?.started ?? 0;
      if (this.open.size === 0 && Date.now() - last >= QUIET_MS) return;
      await sleep(POLL_MS);
    }
  }

  /** Bytes of the requests started in [from, to), those of `groups` only when given. */
  bytes(from: number, to: number, keep: (group: Group) => boolean = () => true): number {
    return this.transfers.filter((t) => t.started >= from && t.started < to && keep(t.group)).reduce((n, t) => n + (t.bytes ?? 0), 0);
  }
}

// ---------------------------------------------------------------------------------------------
// What the page shows

export interface Snapshot {
  readonly status: string;
  readonly busy: boolean;
  /** Result links as URL paths, so they compare with the article files'. */
  readonly urls: readonly string[];
}

function snapshot(page: Page): Promise<Snapshot> {
  // No named functions in here: tsx would wrap them in a helper the page does not have.
  return page.evaluate((s) => {
    const status = document.querySelector(s.status);
    return {
      status: status?.textContent?.trim() ?? "",
      busy: status?.getAttribute("aria-busy") === "true",
      urls: [...document.querySelectorAll<HTMLAnchorElement>(s.links)].map((a) => decodeURI(new URL(a.href).pathname).replace(/index\.html$/u, "")),
    };
  }, SEARCH);
}

const names = (shot: Snapshot, query: string): boolean => shot.status.includes(`“${query.trim()}”`);
/** The page has finished searching for `query`: not busy, and its status names the query. */
export const finished = (shot: Snapshot, query: string): boolean => !shot.busy && names(shot, query);
/** What a reader is told when nothing matched: "No articles found for “x”…", or an empty list. */
export const nothingFound = (shot: Snapshot): boolean => shot.status.startsWith("No articles found") || shot.urls.length === 0;

/** The number of articles the status says were found: 0 for "No articles found", null where it gives none. */
export function countOf(status: string): number | null {
  if (status.startsWith("No articles found")) return 0;
  const count = /\d[\d,]*/u.exec(status.split("“")[0]!)?.[0];
  return count ? Number(count.replace(/,/gu, "")) : null;
}

interface Waited {
  /** What is shown: once done, or at the timeout. */
  readonly shot: Snapshot;
  readonly done: boolean;
  /** Date.now() when it first showed. */
  readonly at: number;
}

/** Polls until `done` holds and nothing shown has changed for STABLE_MS, or until the timeout. */
export async function waitStable(page: Page, done: (shot: Snapshot) => boolean, timeoutMs = QUERY_TIMEOUT_MS): Promise<Waited> {
  const until = Date.now() + timeoutMs;
  let last = "";
  let since = Date.now();
  let shot: Snapshot;
  do {
    shot = await snapshot(page);
    const key = JSON.stringify(shot);
    if (key !== last) {
      last = key;
      since = Date.now();
    } else if (done(shot) && Date.now() - since >= STABLE_MS) return { shot, done: true, at: since };
    await sleep(POLL_MS);
  } while (Date.now() < until);
  return { shot, done: false, at: Date.now() };
}

/** What a page left at a timeout, for a warning: its status and whether it said it was busy. */
export const describeStuck = (shot: Snapshot): string => `status ${JSON.stringify(shot.status.slice(0, 120))}${shot.busy ? ", busy" : ", not busy"}, ${shot.urls.length} results listed`;

// ---------------------------------------------------------------------------------------------
// A reader at the page

export interface SearchSession {
  readonly page: Page;
  readonly log: NetworkLog;
  readonly pageErrors: string[];
  /** Bytes of loading the page before anything was typed: its HTML, CSS and icon... */
  readonly htmlCssBytes: number;
  /** ...and everything else: its own JS, Pagefind's code, whatever Pagefind preloads. */
  readonly preloadBytes: number;
}

/** Opens the search page in `context` and waits until its network is quiet: the reader has not typed yet. */
export async function openSearchPage(context: BrowserContext, server: SiteServer): Promise<SearchSession> {
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  const log = new NetworkLog(page, server);
  await page.goto(`${server.url}${SEARCH.path}`, { waitUntil: "load" });
  await log.quiet();
  await log.settled();
  const end = Date.now() + 1;
  const htmlCssBytes = log.bytes(0, end, (g) => g === "page");
  return { page, log, pageErrors, htmlCssBytes, preloadBytes: log.bytes(0, end) - htmlCssBytes };
}

export interface Shown {
  /** What the page showed once done, or null when it was not done within QUERY_TIMEOUT_MS... */
  readonly shot: Snapshot | null;
  /** ...and then what it showed at the timeout. */
  readonly stuck: Snapshot | null;
  /** Bytes of the requests started from clearing the box (or typing, into an empty one) to the results shown. */
  readonly bytes: number;
  /** Date.now() when the results showed. */
  readonly shownAt: number;
}

/**
 * Empties the box, and waits until the status no longer names `next`: so that what a previous
 * query left cannot pass for the next one's, even when two articles share a headline.
 */
async function clear(session: SearchSession, next: string): Promise<void> {
  const input = session.page.locator(SEARCH.input);
  if ((await input.inputValue()) === "") return;
  await input.fill("");
  await waitStable(session.page, (shot) => !shot.busy && !names(shot, next), 5_000);
}

/** Types `query` as `fill` does (the value set, one input event) and waits for the page to finish. */
export async function search(session: SearchSession, query: string): Promise<Shown> {
  const from = Date.now();
  await clear(session, query);
  await session.page.locator(SEARCH.input).fill(query);
  const waited = await waitStable(session.page, (shot) => finished(shot, query));
  await session.log.settled();
  const [shot, stuck] = waited.done ? [waited.shot, null] : [null, waited.shot];
  return { shot, stuck, bytes: session.log.bytes(from, waited.at), shownAt: waited.at };
}

interface TypingClock {
  expect: string;
  lastInput: number;
  shown: number;
}

/**
 * Times, in the page, from the last keystroke's input event to the moment the status names the
 * whole query and is not busy (the results list is filled before that, by the contract).
 */
function installClock(page: Page): Promise<void> {
  return page.evaluate((s) => {
    if ("__typing" in window) return;
    const input = document.querySelector<HTMLInputElement>(s.input)!;
    const status = document.querySelector(s.status)!;
    const clock = { expect: "", lastInput: 0, shown: 0 };
    Object.assign(window, { __typing: clock });
    input.addEventListener("input", () => {
      clock.lastInput = performance.now();
      clock.shown = 0;
    });
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    new MutationObserver(() => {
      const done = status.getAttribute("aria-busy") !== "true" && (status.textContent ?? "").includes(`“${clock.expect}”`);
      if (clock.expect !== "" && clock.shown === 0 && done) clock.shown = performance.now();
    }).observe(status, { attributes: true, childList: true, characterData: true, subtree: true });
  }, SEARCH);
}

export interface Typed {
  /** From the last keystroke to the results for the whole query, in the page's clock; null on a timeout. */
  readonly ms: number | null;
  readonly shot: Snapshot | null;
  /** What the page showed at the timeout. */
  readonly stuck: Snapshot | null;
}

/** Types `query` key by key, with no delay, into the cleared box. */
export async function typeQuery(session: SearchSession, query: string): Promise<Typed> {
  const { page } = session;
  await installClock(page);
  await clear(session, query);
  const expect = query.trim();
  await page.evaluate((q) => Object.assign((window as unknown as { __typing: TypingClock }).__typing, { expect: q, shown: 0 }), expect);
  await page.locator(SEARCH.input).focus();
  await page.keyboard.type(query);
  try {
    await page.waitForFunction(() => (window as unknown as { __typing: TypingClock }).__typing.shown > 0, null, { timeout: QUERY_TIMEOUT_MS, polling: POLL_MS });
  } catch {
    return { ms: null, shot: null, stuck: await snapshot(page) };
  }
  const ms = await page.evaluate(() => {
    const clock = (window as unknown as { __typing: TypingClock }).__typing;
    return clock.shown - clock.lastInput;
  });
  const waited = await waitStable(page, (shot) => finished(shot, query), 5_000);
  await session.log.settled();
  return { ms, shot: waited.done ? waited.shot : null, stuck: null };
}

export interface FirstQuery {
  readonly shot: Snapshot | null;
  readonly stuck: Snapshot | null;
  /** The page's HTML, CSS and icon: not counted in a first query, "all included". */
  readonly htmlCssBytes: number;
  /** The rest of loading the page, before typing. */
  readonly preloadBytes: number;
  /** From typing to the results shown. */
  readonly queryBytes: number;
  /** What the page fetched after the results showed, until its network was quiet. */
  readonly afterShownBytes: number;
  readonly pageErrors: readonly string[];
}

/** A reader's first query: a browser context of its own (an empty cache), the page loaded, then `query` typed. */
export async function firstQuery(newContext: () => Promise<BrowserContext>, server: SiteServer, query: string): Promise<FirstQuery> {
  const context = await newContext();
  try {
    const session = await openSearchPage(context, server);
    const shown = await search(session, query);
    await session.log.quiet();
    await session.log.settled();
    const afterShownBytes = session.log.bytes(shown.shownAt, Date.now() + 1);
    const { htmlCssBytes, preloadBytes, pageErrors } = session;
    return { shot: shown.shot, stuck: shown.stuck, htmlCssBytes, preloadBytes, queryBytes: shown.bytes, afterShownBytes, pageErrors };
  } finally {
    await context.close();
  }
}
