/**
 * Everything the benchmark reads from the build's stdout. The wording is the build's to change, so
 * every pattern lives here, each is optional, and the caller falls back when one stops matching.
 */

/** A line as it arrived, `t` in seconds since the build was started. */
export interface TimedLine {
  readonly t: number;
  readonly text: string;
}

export interface BuildReport {
  /** When each phase announced its start (`broadsheet: read 19,043 files…`); absent for small phases. */
  readonly started: Partial<Record<"read" | "render", { readonly t: number; readonly count: number }>>;
  /** `broadsheet: read N files: A articles published, R rejected, W warnings`. */
  readonly read?: { readonly files: number; readonly articles: number; readonly rejected: number };
  /** `broadsheet: wrote N pages (...); K unchanged pages kept, R removed`. */
  readonly wrote?: {
    readonly t: number;
    readonly pages: number;
    readonly byKind: Readonly<Record<string, number>>;
    readonly kept: number;
    readonly removed: number;
  };
  /**
   * `search index of A articles` (once the wrote line's tail), now also `in S shards, I indexed
   * this build` on a line of its own.
   */
  readonly search?: { readonly articles: number; readonly shards?: number; readonly indexedThisBuild?: number };
  /** `broadsheet: phases: read 0.8 s, plan 0.9 s, render 11.5 s, search index 20.4 s more`, in seconds. */
  readonly phases?: { readonly t: number; readonly seconds: Readonly<Record<string, number>> };
}

const PATTERNS = {
  phaseStart: /^broadsheet: (read|render) ([\d,]+) \w+(?:…|\.\.\.)\s*$/u,
  read: /^broadsheet: read ([\d,]+) files: ([\d,]+) articles published, ([\d,]+) rejected/u,
  wrote: /^broadsheet: wrote ([\d,]+) pages(?: \(([^)]*)\))?; ([\d,]+) unchanged pages kept, ([\d,]+) removed/u,
  search: /(?:^broadsheet: |; )search index of ([\d,]+) articles(?: in ([\d,]+) shards?)?(?:, ([\d,]+) indexed this build)?/u,
  phases: /^broadsheet: phases: (.+)$/u,
  /** One item of the phases line: `search index 20.4 s more`. */
  phaseItem: /^\s*(.+?) ([\d.]+) ?(ms|s|min)\b/u,
  /** One item of the pages-by-kind list: `article 19043`. */
  kindItem: /^\s*(.+?) ([\d,]+)\s*$/u,
};

const num = (s: string | undefined): number => Number((s ?? "").replace(/,/gu, ""));

function parseKinds(list: string | undefined): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const item of (list ?? "").split(",")) {
    const m = PATTERNS.kindItem.exec(item);
    if (m) kinds[m[1]!] = num(m[2]);
  }
  return kinds;
}

function parsePhases(list: string): Record<string, number> {
  const seconds: Record<string, number> = {};
  for (const item of list.split(",")) {
    const m = PATTERNS.phaseItem.exec(item);
    if (!m) continue;
    const scale = m[3] === "ms" ? 0.001 : m[3] === "min" ? 60 : 1;
    seconds[m[1]!] = Number(m[2]) * scale;
  }
  return seconds;
}

/** Folds one line into the report; lines that match nothing are ignored. */
export function readLine(report: BuildReport, line: TimedLine): BuildReport {
  const text = line.text.trim();
  let m = PATTERNS.phaseStart.exec(text);
  if (m) {
    const phase = m[1] as "read" | "render";
    return { ...report, started: { ...report.started, [phase]: { t: line.t, count: num(m[2]) } } };
  }
  m = PATTERNS.read.exec(text);
  if (m) return { ...report, read: { files: num(m[1]), articles: num(m[2]), rejected: num(m[3]) } };
  // The wrote line may carry the search index's figures too: read both.
  m = PATTERNS.wrote.exec(text);
  if (m) report = { ...report, wrote: { t: line.t, pages: num(m[1]), byKind: parseKinds(m[2]), kept: num(m[3]), removed: num(m[4]) } };
  const s = PATTERNS.search.exec(text);
  if (s) {
    const search = { articles: num(s[1]), ...(s[2] !== undefined && { shards: num(s[2]) }), ...(s[3] !== undefined && { indexedThisBuild: num(s[3]) }) };
    return { ...report, search };
  }
  if (m) return report;
  m = PATTERNS.phases.exec(text);
  if (m) return { ...report, phases: { t: line.t, seconds: parsePhases(m[1]!) } };
  return report;
}

export const emptyReport = (): BuildReport => ({ started: {} });

/** A phase's seconds from the phases line, found by the start of its name (`search` → `search index`). */
export function reportedSeconds(report: BuildReport, name: string): number | undefined {
  const seconds = report.phases?.seconds ?? {};
  const key = Object.keys(seconds).find((k) => k.startsWith(name));
  return key === undefined ? undefined : seconds[key];
}
