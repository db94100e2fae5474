/**
 * Checks that routing never rules out a period that Pagefind would match: for each query, every
 * period the word directory does not select is searched in ONE Pagefind index of the same
 * articles, filtered to that period's days; a result there is a miss. Used by the browser tests
 * (an invented archive) and bench/routingCheck.ts (a real one).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { fileNumberOf, type DirectorySummary } from "../../src/search/directory.js";
import { routeQuery, type DirectoryFile } from "../../src/search/routing.js";
import { daysFrom } from "../../src/searchPage/periods.js";

export interface PeriodSpan {
  readonly bundle: string;
  /** Its number in the directory (0 the oldest). */
  readonly number: number;
  readonly from: string;
  readonly to: string;
}

/** A sharded site's periods and a router over its word directory, read from its output folder. */
export async function siteRouter(output: string): Promise<{ periods: PeriodSpan[]; route: (query: string) => Promise<Set<number>> }> {
  const html = await readFile(path.join(output, "search", "index.html"), "utf8");
  const attribute = (name: string): string => new RegExp(`data-${name}="([^"]*)"`, "u").exec(html)![1]!;
  const bundles = attribute("bundles").split(" ");
  const spans = attribute("spans").split(" ");
  const fileCount = Number(attribute("word-files"));
  const periods = bundles.map((bundle, i) => {
    const [from, to] = spans[i]!.split(",") as [string, string];
    return { bundle, number: bundles.length - 1 - i, from, to };
  });
  const summary = JSON.parse(await readFile(path.join(output, "search-words", "periods.json"), "utf8")) as DirectorySummary;
  const files = new Map<number, Promise<DirectoryFile>>();
  const load = (key: string): Promise<DirectoryFile> => {
    const n = fileNumberOf(key, fileCount);
    if (!files.has(n)) files.set(n, readFile(path.join(output, "search-words", `${n}.json`), "utf8").then((t) => JSON.parse(t) as DirectoryFile, () => ({})));
    return files.get(n)!;
  };
  return { periods, route: async (query) => new Set((await routeQuery(query, load, summary.pages)).candidates.keys()) };
}

export interface Miss {
  readonly query: string;
  readonly period: string;
  readonly results: number;
}

/**
 * For each query, the periods not routed to that one index (open on `page`, at `origin`) finds
 * results in. `page` must be at a page of the one-index site.
 */
export async function missedPeriods(page: Page, origin: string, periods: readonly PeriodSpan[], queries: readonly { query: string; routed: ReadonlySet<number> }[]): Promise<Miss[]> {
  const checks = queries.flatMap(({ query, routed }) =>
    periods.filter((p) => !routed.has(p.number)).map((p) => ({ query, period: p.bundle, days: daysFrom(p.from, p.to) })),
  );
  // Pagefind's module, loaded by a script of the page's own origin (a bundler would rewrite an import() written here).
  await page.addScriptTag({ type: "module", content: `import * as pagefind from "${origin}/pagefind/pagefind.js"; window.pagefindForCheck = pagefind;` });
  await page.waitForFunction(() => "pagefindForCheck" in window);
  const counts = await page.evaluate(
    async ({ base, checks }) => {
      const pagefind = (window as unknown as { pagefindForCheck: { createInstance(o: object): { search(q: string, o: object): Promise<{ results: unknown[] }> } } }).pagefindForCheck;
      const index = pagefind.createInstance({ basePath: `${base}/pagefind/` });
      const found: number[] = [];
      for (const check of checks) {
        const answer = await index.search(check.query, { filters: { day: { any: check.days } } });
        found.push(answer.results.length);
      }
      return found;
    },
    { base: origin, checks },
  );
  return checks.flatMap((c, i) => (counts[i]! > 0 ? [{ query: c.query, period: c.period, results: counts[i]! }] : []));
}

/** Kinds of query a reader types, made from an article's headline and body text. */
export function queriesOf(headline: string, body: string, pick: (n: number) => number): string[] {
  const words = body.split(/\s+/u).filter((w) => w.length > 0);
  const any = (test: (w: string) => boolean): string | null => {
    const found = words.filter(test);
    return found.length > 0 ? found[pick(found.length)]! : null;
  };
  const long = any((w) => /^\p{L}{6,}$/u.test(w));
  const accented = long?.replace(/e/u, "é").replace(/a/u, "à") ?? null;
  return [
    headline.toLowerCase(),
    headline,
    words.slice(pick(Math.max(1, words.length - 3)), undefined).slice(0, 3).join(" "),
    long ? long.slice(0, Math.ceil(long.length / 2)) : null,
    any((w) => /\d/u.test(w)),
    any((w) => /'/u.test(w)),
    any((w) => /\p{L}-\p{L}/u.test(w)),
    accented,
    `u.s. ${long ?? ""}`,
    /<[^>]+>/u.exec(headline)?.[0] ?? "<craa.s>",
    "£3.3bn",
    `"${words.slice(0, 2).join(" ")}"`,
  ].filter((q): q is string => q !== null && q.trim() !== "");
}
