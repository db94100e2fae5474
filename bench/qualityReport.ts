/**
 * What `bench:quality` measured on each site, and the tables it prints: pure functions of the
 * figures, nothing here touches a browser.
 */
import * as f from "./format.js";
import type { Kind } from "./qualitySample.js";
import { median } from "./searchCost.js";

/** One query on the page kept open, as a reader searching on types it. */
export interface QueryRun {
  readonly kind: Kind;
  readonly text: string;
  readonly target: string | null;
  /** 1-based rank of the target among the results shown with nothing pressed, or null. */
  readonly rank: number | null;
  /** The status said "No articles found", or the list was empty. */
  readonly nothingFound: boolean;
  readonly timedOut: boolean;
  /** Articles found, as the status counts them (in the periods searched so far). */
  readonly count: number | null;
  /** Results in the list. */
  readonly shown: number;
  /** From clearing the box to the results shown. */
  readonly bytes: number;
  /** False for the first query of the page: it is no later query. */
  readonly later: boolean;
}

/** One query in a fresh browser context: the page loaded, then the query typed. */
export interface FirstRun {
  readonly kind: Kind;
  readonly text: string;
  readonly timedOut: boolean;
  readonly count: number | null;
  readonly htmlCssBytes: number;
  readonly preloadBytes: number;
  readonly queryBytes: number;
  readonly afterShownBytes: number;
}

/** One query typed key by key into the page kept open. */
export interface TypedRun {
  readonly kind: Kind;
  readonly text: string;
  /** From the last keystroke to the results for the whole query; null on a timeout. */
  readonly ms: number | null;
}

export interface SiteRun {
  /** "periods" or "one index". */
  readonly label: string;
  readonly dir: string;
  readonly bundles: readonly string[];
  readonly quality: readonly QueryRun[];
  readonly first: readonly FirstRun[];
  readonly typing: readonly TypedRun[];
  readonly pageErrors: readonly string[];
}

// ---------------------------------------------------------------------------------------------

/** The p-th percentile by nearest rank (p90 of 10 values is the 9th smallest); NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface Spread {
  readonly n: number;
  readonly median: number;
  readonly p90: number;
}

export const spread = (values: readonly number[]): Spread => ({ n: values.length, median: median(values), p90: percentile(values, 90) });

export interface Quality {
  readonly queries: number;
  /** Shares of the queries, 0 to 1. */
  readonly rank1: number;
  readonly top10: number;
  readonly nothingFound: number;
  /** Of the queries whose article was shown. */
  readonly medianRank: number;
  readonly timedOut: number;
}

export function qualityOf(runs: readonly QueryRun[]): Quality {
  const ranks = runs.flatMap((r) => (r.rank === null ? [] : [r.rank]));
  const of = (n: number): number => (runs.length > 0 ? n / runs.length : NaN);
  return {
    queries: runs.length,
    rank1: of(ranks.filter((r) => r === 1).length),
    top10: of(ranks.filter((r) => r <= 10).length),
    nothingFound: of(runs.filter((r) => r.nothingFound && !r.timedOut).length),
    medianRank: median(ranks),
    timedOut: runs.filter((r) => r.timedOut).length,
  };
}

/** Bytes of a first query, everything included: loading the page after its HTML/CSS, then the query. */
export const firstQueryBytes = (r: FirstRun): number => r.preloadBytes + r.queryBytes;

export interface Bytes {
  readonly first: Spread;
  readonly later: Spread;
}

export function bytesOf(site: SiteRun, kind: Kind): Bytes {
  const first = site.first.filter((r) => r.kind === kind && !r.timedOut).map(firstQueryBytes);
  const later = site.quality.filter((r) => r.kind === kind && r.later && !r.timedOut).map((r) => r.bytes);
  return { first: spread(first), later: spread(later) };
}

export function typingOf(site: SiteRun, kind?: Kind): Spread {
  return spread(site.typing.flatMap((r) => (r.ms !== null && (kind === undefined || r.kind === kind) ? [r.ms] : [])));
}

// ---------------------------------------------------------------------------------------------
// Tables: the periods site and the one-index reference side by side.

const pct = (share: number): string => (Number.isNaN(share) ? "–" : `${(100 * share).toFixed(1)} %`);
const points = (a: number, b: number): string => (Number.isNaN(a - b) ? "–" : `${a - b >= 0 ? "+" : "−"}${Math.abs(100 * (a - b)).toFixed(1)}`);
const rank = (n: number): string => (Number.isNaN(n) ? "–" : String(n));
const kB = (n: number): string => (Number.isNaN(n) ? "–" : f.bytes(Math.round(n)));
const ms = (n: number): string => (Number.isNaN(n) ? "–" : f.ms(n));
const ratio = (a: number, b: number): string => (Number.isFinite(a / b) ? (a / b).toFixed(2) : "–");

export function qualityTable(kinds: readonly Kind[], periods: SiteRun, reference: SiteRun): string[][] {
  const rows = [
    ["query", "queries", "rank 1:", "", "", "top 10:", "", "nothing found:", "", "median rank:", ""],
    ["", "", periods.label, reference.label, "points", periods.label, reference.label, periods.label, reference.label, periods.label, reference.label],
  ];
  for (const kind of kinds) {
    const [p, r] = [periods, reference].map((site) => qualityOf(site.quality.filter((q) => q.kind === kind))) as [Quality, Quality];
    rows.push([kind, f.int(p.queries), pct(p.rank1), pct(r.rank1), points(p.rank1, r.rank1), pct(p.top10), pct(r.top10), pct(p.nothingFound), pct(r.nothingFound), rank(p.medianRank), rank(r.medianRank)]);
  }
  return rows;
}

export function bytesTable(kinds: readonly Kind[], periods: SiteRun, reference: SiteRun): string[][] {
  const rows = [
    ["query", "measure", `${periods.label}:`, "", "", `${reference.label}:`, "", "", `${periods.label} ÷ ${reference.label}`, "target"],
    ["", "", "n", "median", "p90", "n", "median", "p90", "(medians)", ""],
  ];
  for (const kind of kinds) {
    const [p, r] = [bytesOf(periods, kind), bytesOf(reference, kind)];
    const line = (label: string, a: Spread, b: Spread, target: string): string[] => [label === "first query, all included" ? kind : "", label, f.int(a.n), kB(a.median), kB(a.p90), f.int(b.n), kB(b.median), kB(b.p90), ratio(a.median, b.median), target];
    rows.push(line("first query, all included", p.first, r.first, "≤ 0.5"));
    rows.push(line("later query", p.later, r.later, "≤ 1"));
  }
  return rows;
}

export function typingTable(kinds: readonly Kind[], periods: SiteRun, reference: SiteRun): string[][] {
  const rows = [
    ["query", `${periods.label}:`, "", "", `${reference.label}:`, "", ""],
    ["", "n", "median", "p90", "n", "median", "p90"],
  ];
  for (const kind of [...kinds, undefined]) {
    const [p, r] = [typingOf(periods, kind), typingOf(reference, kind)];
    rows.push([kind ?? "all", f.int(p.n), ms(p.median), ms(p.p90), f.int(r.n), ms(r.median), ms(r.p90)]);
  }
  return rows;
}

/** For each common word: how many articles each site says it found, and what the query cost. */
export function commonTable(words: readonly string[], periods: SiteRun, reference: SiteRun): string[][] {
  const rows = [
    ["word", "found:", "", "first query:", "", "later query:", ""],
    ["", periods.label, reference.label, periods.label, reference.label, periods.label, reference.label],
  ];
  const count = (n: number | null | undefined): string => (n === null || n === undefined ? "–" : f.int(n));
  for (const word of words) {
    const [pl, rl] = [periods, reference].map((s) => s.quality.find((q) => q.kind === "common word" && q.text === word));
    const [pf, rf] = [periods, reference].map((s) => s.first.find((q) => q.kind === "common word" && q.text === word));
    rows.push([word, count(pl?.count), count(rl?.count), pf ? kB(firstQueryBytes(pf)) : "–", rf ? kB(firstQueryBytes(rf)) : "–", pl ? kB(pl.bytes) : "–", rl ? kB(rl.bytes) : "–"]);
  }
  return rows;
}
