/** The search periods as the page is told of them, and which of them a date range or year touches. */

export interface Period {
  /** Folder of its Pagefind bundle, path prefix included. */
  readonly bundle: string;
  /** Its number in the word directory: 0 for the oldest. */
  readonly number: number;
  readonly years: readonly string[];
  /** Its first and last days, `YYYY-MM-DD`. */
  readonly from: string;
  readonly to: string;
}

/** A date range as the reader gives it: `from` and `to` as days, either may be open. */
export interface DateRange {
  readonly from: string | null;
  readonly to: string | null;
}

const MONTH = /^(\d{4})-(\d{2})$/u;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/u;

function realDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A bound typed as a month (`1987-03`) or a day (`1987-04-15`), as a day: a month's first day for
 * "from", its last for "to". Null for an empty bound; undefined for text that is neither.
 */
export function dayOf(text: string, end: "from" | "to"): string | null | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const day = DAY.exec(trimmed);
  if (day) return realDay(Number(day[1]), Number(day[2]), Number(day[3])) ? trimmed : undefined;
  const month = MONTH.exec(trimmed);
  if (!month || Number(month[2]) < 1 || Number(month[2]) > 12) return undefined;
  if (end === "from") return `${trimmed}-01`;
  const last = new Date(Date.UTC(Number(month[1]), Number(month[2]), 0)).getUTCDate();
  return `${trimmed}-${String(last).padStart(2, "0")}`;
}

export function overlaps(period: Period, range: DateRange): boolean {
  return (range.from === null || period.to >= range.from) && (range.to === null || period.from <= range.to);
}

/**
 * The days of `period` inside `range`, when the range cuts through it (null when the whole period
 * is inside): a search there is filtered to those days.
 */
export function daysWithin(period: Period, range: DateRange): string[] | null {
  const first = range.from !== null && range.from > period.from ? range.from : period.from;
  const last = range.to !== null && range.to < period.to ? range.to : period.to;
  return first === period.from && last === period.to ? null : daysFrom(first, last);
}

/** Every day from `first` to `last`, both included, `YYYY-MM-DD`. */
export function daysFrom(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
