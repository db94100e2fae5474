/**
 * The word directory: for every word Pagefind indexed anywhere in the archive, which search
 * periods hold it and how many pages of each do, for a word held by few pages (LISTED_MAX),
 * which pages, and which pages hold it in their headline. The search page reads the entries of a query's words to open at once every period
 * that can hold a page matching the whole query, and no other (routing.ts), and to rank the
 * results of several periods with the archive's counts instead of each period's (ranking.ts).
 *
 * Built from what Pagefind itself wrote (periodWords.ts): the words are Pagefind's own stems.
 * Files are cut by a word's first PREFIX_LENGTH characters, hashed into a number of files that
 * grows with the archive, so that a query fetches one small file a word, and every word that
 * begins with a query's word is in that word's file. Shared by the build and the search page.
 */
import { fnv1a } from "./fnv1a.js";
import { LISTED_MAX, type PeriodWords } from "./periodWords.js";

export const PREFIX_LENGTH = 3;

/**
 * How many files the directory of an archive of `articles` is cut into: four times the square root,
 * as a power of two (a vocabulary grows slower than its archive), so that a query word's file is
 * 2 to 5 kB compressed (measured at 19,043 articles, 512 files). It changes only when the archive
 * about doubles, which rewrites every file.
 */
export function directoryFileCount(articles: number): number {
  return Math.min(4096, Math.max(16, 2 ** Math.round(Math.log2(4 * Math.sqrt(Math.max(1, articles))))));
}

/** The file holding a word: its first PREFIX_LENGTH characters hashed. */
export function fileNumberOf(word: string, fileCount: number): number {
  return fnv1a(word, PREFIX_LENGTH) % fileCount;
}

/**
 * The key of the entry that stands for every word beginning with a prefix shorter than
 * PREFIX_LENGTH ("us" for "us", "usa", "use" ...): those words are spread over many files, and a
 * query word that short matches all of them. No indexed word holds a space.
 */
export const beginningKey = (prefix: string): string => ` ${prefix}`;

/**
 * The key of the entry that says which pages hold a word in their headline. "#" is punctuation,
 * which Pagefind never keeps in a word.
 */
export const titleKey = (word: string): string => `#${word}`;

/** The word a key stands for, which decides its file. */
const wordOfKey = (key: string): string => (key.startsWith(" ") || key.startsWith("#") ? key.slice(1) : key);

/** What the directory says of one word, or of one beginning. */
export interface Entry {
  /** Pages of the archive holding it (for a beginning: at most this many). */
  readonly pages: number;
  /** By period number (0 the oldest): the pages holding it, when listed, or how many hold it. */
  readonly periods: ReadonlyMap<number, readonly number[] | number>;
}

/** How many pages a period's entry speaks of: its list's length, or its count. */
export const heldPages = (held: readonly number[] | number): number => (typeof held === "number" ? held : held.length);

/** How many pages of the archive an entry's periods speak of (at most, where only counted). */
export function pagesOf(periods: ReadonlyMap<number, readonly number[] | number>): number {
  let pages = 0;
  for (const held of periods.values()) pages += heldPages(held);
  return pages;
}

/** Period numbers and counts in base 36: the directory is fetched by readers. */
const n36 = (n: number): string => n.toString(36);

/**
 * A page list as the gaps between its numbers (the first from -1), each in digits of five bits
 * with a sixth that says another digit follows, one URL-safe base-64 character a digit: a gap
 * under 32 takes one character, under 1,024 two. Measured on 19,043 Reuters stories, a third of
 * the size of base-36 numbers with separators.
 */
const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

export function encodePages(pages: readonly number[]): string {
  let text = "";
  let previous = -1;
  for (const page of pages) {
    let gap = page - previous;
    previous = page;
    while (gap >= 32) {
      text += DIGITS[32 + (gap & 31)];
      gap >>>= 5;
    }
    text += DIGITS[gap];
  }
  return text;
}

export function decodePages(text: string): number[] {
  const pages: number[] = [];
  let previous = -1;
  let gap = 0;
  let shift = 0;
  for (const char of text) {
    const digit = DIGITS.indexOf(char);
    if (digit < 0) throw new Error(`word directory: "${char}" in a page list`);
    gap += (digit & 31) * 2 ** shift;
    if (digit >= 32) shift += 5;
    else {
      previous += gap;
      pages.push(previous);
      gap = 0;
      shift = 0;
    }
  }
  return pages;
}

/** One group of an entry's text: a period's page list, or its count. */
const groupText = (period: number, held: readonly number[] | number): string => (typeof held === "number" ? `${n36(period)}=${n36(held)}` : `${n36(period)}:${encodePages(held)}`);

export function parseEntry(text: string): Entry {
  const periods = new Map<number, readonly number[] | number>();
  for (const group of text.split(" ")) {
    const listed = group.indexOf(":");
    if (listed >= 0) periods.set(parseInt(group.slice(0, listed), 36), decodePages(group.slice(listed + 1)));
    else {
      const [period, count] = group.split("=").map((p) => parseInt(p, 36));
      periods.set(period!, count!);
    }
  }
  return { pages: pagesOf(periods), periods };
}

/**
 * A key's entry as the directory is made: period number, then what it holds, for each period
 * holding it, periods ascending. Flat arrays, not a Map per key: at 100,000 articles there are
 * some 660,000 of them, and a Map each took half the directory's time.
 */
type Held = (number | readonly number[])[];

/** What one period holds of a key: its pages, or how many. */
type PeriodHeld = readonly number[] | number;

const isTitleKey = (key: string): boolean => key.startsWith("#");
const isBeginningKey = (key: string): boolean => key.startsWith(" ");

/**
 * Calls `visit` with every key a period gives the directory (its words, its headline words, the
 * beginnings of its words) and what the period holds of it: each key once.
 */
function eachEntry(period: PeriodWords, visit: (key: string, held: PeriodHeld) => void): void {
  for (const [word, held] of period.titles) visit(titleKey(word), held);
  const beginnings = new Map<string, number>();
  for (const [word, held] of period.words) {
    visit(word, held);
    const count = heldPages(held);
    for (let length = 1; length < PREFIX_LENGTH && length <= word.length; length++) {
      const prefix = word.slice(0, length);
      beginnings.set(prefix, (beginnings.get(prefix) ?? 0) + count);
    }
  }
  // A beginning's count adds up its words' pages: an upper bound, all that routing needs of it.
  for (const [prefix, count] of beginnings) visit(beginningKey(prefix), Math.min(count, period.pages));
}

/**
 * An entry's text. Pages are listed only where the whole archive holds the word on few pages: a
 * page list for a common word would be long, and routing needs lists only to narrow by rare
 * words. Headline pages are always listed: they are few.
 */
function entryText(key: string, entry: Held): string {
  let total = 0;
  for (let j = 1; j < entry.length; j += 2) total += heldPages(entry[j] as PeriodHeld);
  const listed = total <= LISTED_MAX || isTitleKey(key);
  const groups: string[] = [];
  for (let j = 0; j < entry.length; j += 2) {
    const held = entry[j + 1] as PeriodHeld;
    groups.push(groupText(entry[j] as number, listed ? held : heldPages(held)));
  }
  return groups.join(" ");
}

/** A file's text from its entries, `[key, entry text]`: keys in order, so that any build writes the same bytes. */
const fileText = (items: [string, string][]): string => JSON.stringify(Object.fromEntries(items.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))));

/**
 * The directory's files, made from each period's words, oldest first (period i is the i-th added).
 * Periods are added one at a time, so that a build can add those it already has while it waits
 * for the one being indexed.
 */
export class DirectoryMaker {
  private readonly byKey = new Map<string, Held>();
  private added = 0;

  /** Adds the next period, numbered in the order of adding. */
  add(period: PeriodWords): void {
    const i = this.added++;
    eachEntry(period, (key, held) => {
      const entry = this.byKey.get(key);
      if (entry) entry.push(i, held);
      else this.byKey.set(key, [i, held]);
    });
  }

  /** File number to JSON text `{"word": entry}`. */
  files(fileCount: number): Map<number, string> {
    const byFile = new Map<number, [string, string][]>();
    for (const [key, entry] of this.byKey) {
      const file = fileNumberOf(wordOfKey(key), fileCount);
      const list = byFile.get(file);
      const item: [string, string] = [key, entryText(key, entry)];
      if (list) list.push(item);
      else byFile.set(file, [item]);
    }
    return new Map([...byFile].map(([file, items]) => [file, fileText(items)]));
  }
}

/** The directory's files from each period's words, oldest first (period i is `periods[i]`). */
export function directoryFiles(periods: readonly PeriodWords[], fileCount: number): Map<number, string> {
  const maker = new DirectoryMaker();
  for (const period of periods) maker.add(period);
  return maker.files(fileCount);
}

/** What one period's new words change: each key whose entry they change, with what the period now holds of it (null: nothing). */
export type PeriodChanges = ReadonlyMap<string, PeriodHeld | null>;

const sameHeld = (a: PeriodHeld, b: PeriodHeld): boolean =>
  typeof a === "number" || typeof b === "number" ? a === b : a.length === b.length && a.every((page, i) => page === b[i]);

/** The keys whose entry a period's words change from `before` to `after`. */
export function periodChanges(before: PeriodWords, after: PeriodWords): PeriodChanges {
  const was = new Map<string, PeriodHeld>();
  eachEntry(before, (key, held) => was.set(key, held));
  const changes = new Map<string, PeriodHeld | null>();
  eachEntry(after, (key, held) => {
    const old = was.get(key);
    if (old === undefined || !sameHeld(old, held)) changes.set(key, held);
    was.delete(key);
  });
  for (const key of was.keys()) changes.set(key, null);
  return changes;
}

/** The files a set of period changes touches, and in each, what each changed key now holds by period. */
export function changesByFile(changes: ReadonlyMap<number, PeriodChanges>, fileCount: number): Map<number, Map<string, Map<number, PeriodHeld | null>>> {
  const byFile = new Map<number, Map<string, Map<number, PeriodHeld | null>>>();
  for (const [period, keys] of changes) {
    for (const [key, held] of keys) {
      const file = fileNumberOf(wordOfKey(key), fileCount);
      let inFile = byFile.get(file);
      if (!inFile) byFile.set(file, (inFile = new Map()));
      let byPeriod = inFile.get(key);
      if (!byPeriod) inFile.set(key, (byPeriod = new Map()));
      byPeriod.set(period, held);
    }
  }
  return byFile;
}

/**
 * A directory file after some periods' words changed, from its text before (null: there was no
 * such file), as DirectoryMaker would write it from every period's words: unchanged keys keep
 * their text. `unpatchable` where the file cannot tell: a word whose pages the archive now holds
 * few enough times to list them, in a period of which the file kept only a count.
 */
export type PatchedFile = { readonly kind: "text"; readonly text: string } | { readonly kind: "empty" } | { readonly kind: "unpatchable" };

export function patchFile(before: string | null, changes: ReadonlyMap<string, ReadonlyMap<number, PeriodHeld | null>>): PatchedFile {
  const parsed = before === null ? {} : (JSON.parse(before) as Record<string, string>);
  const patched = new Map<string, string | null>();
  // Whether a key is new to the file: else its keys keep the order they were written in.
  let added = false;
  for (const [key, byPeriod] of changes) {
    const had = Object.hasOwn(parsed, key);
    const text = patchedEntry(key, had ? parsed[key] : undefined, byPeriod);
    if (text === UNPATCHABLE) return { kind: "unpatchable" };
    added ||= !had && text !== null;
    patched.set(key, text);
  }
  // Most often every key changed is in the file and stays: its entries are changed in place, and
  // the file written again as it was parsed, without a map of it made and unmade (half the
  // patch's time). ("__proto__" is no word Pagefind keeps, but set on an object it is no key.)
  if (before !== null && !added && !patched.has("__proto__") && ![...patched.values()].includes(null)) {
    for (const [key, text] of patched) parsed[key] = text!;
    return { kind: "text", text: JSON.stringify(parsed) };
  }
  const entries = new Map(Object.entries(parsed));
  for (const [key, text] of patched) {
    if (text === null) entries.delete(key);
    else entries.set(key, text);
  }
  if (entries.size === 0) return { kind: "empty" };
  return { kind: "text", text: added ? fileText([...entries]) : JSON.stringify(Object.fromEntries(entries)) };
}

const UNPATCHABLE = Symbol("unpatchable");

/** A period's group of an entry's text as the file has it: its text, and how many pages it speaks of. */
interface KeptGroup {
  readonly text: string;
  readonly listed: boolean;
  readonly pages: number;
}

/**
 * A key's entry text once `byPeriod` changed it (null: no period holds the key now), as entryText
 * writes it from every period's pages. The periods left alone keep their groups' text: a rebuild
 * changes one period of most entries it touches, and decoding and writing again every other
 * period's page list was most of the patch's work.
 */
function patchedEntry(key: string, text: string | undefined, byPeriod: ReadonlyMap<number, PeriodHeld | null>): string | null | typeof UNPATCHABLE {
  const kept = new Map<number, KeptGroup>();
  if (text !== undefined) {
    for (const group of text.split(" ")) {
      const colon = group.indexOf(":");
      if (colon >= 0) kept.set(parseInt(group.slice(0, colon), 36), { text: group, listed: true, pages: listLength(group, colon + 1) });
      else {
        const [period, count] = group.split("=").map((p) => parseInt(p, 36));
        kept.set(period!, { text: group, listed: false, pages: count! });
      }
    }
  }
  const periods: number[] = [];
  let total = 0;
  for (const [period, group] of kept) {
    if (byPeriod.has(period)) continue;
    periods.push(period);
    total += group.pages;
  }
  for (const [period, now] of byPeriod) {
    if (now === null) continue;
    periods.push(period);
    total += heldPages(now);
  }
  if (periods.length === 0) return null;
  // Listed now, but counted before in a period this change leaves alone: its pages are unknown here.
  if (total <= LISTED_MAX && !isBeginningKey(key) && !isTitleKey(key) && periods.some((period) => !byPeriod.has(period) && !kept.get(period)!.listed)) return UNPATCHABLE;
  const listed = total <= LISTED_MAX || isTitleKey(key);
  periods.sort((a, b) => a - b);
  const groups: string[] = [];
  for (const period of periods) {
    const now = byPeriod.get(period);
    if (now !== undefined && now !== null) groups.push(groupText(period, listed ? now : heldPages(now)));
    else {
      const group = kept.get(period)!;
      groups.push(listed || !group.listed ? group.text : groupText(period, group.pages));
    }
  }
  return groups.join(" ");
}

/** How many pages a page list's text speaks of (encodePages): its digits that end a gap. */
function listLength(text: string, from: number): number {
  let pages = 0;
  for (let i = from; i < text.length; i++) {
    const digit = DIGITS.indexOf(text[i]!);
    if (digit < 0) throw new Error(`word directory: "${text[i]}" in a page list`);
    if (digit < 32) pages++;
  }
  return pages;
}

/** What the search page needs of the archive as a whole, written beside the directory's files. */
export interface DirectorySummary {
  /** Pages (articles) in each period, oldest first. */
  readonly pages: readonly number[];
  /** Words on all pages of the archive, as Pagefind counts them: with `pages`, its average page length. */
  readonly length: number;
}

export function directorySummary(periods: readonly PeriodWords[]): DirectorySummary {
  return { pages: periods.map((p) => p.pages), length: periods.reduce((sum, p) => sum + p.length, 0) };
}
