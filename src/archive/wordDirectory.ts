/**
 * A directory of which search periods hold each word, for the search page to choose which period
 * to open first. A large archive's search index is cut into periods (searchShards.ts), and the
 * page searches one period at a time: by best match it opens first the periods that hold the
 * query's rarer words, so an article remembered by a name is found without going back year by
 * year. The directory only orders periods, never rules one out: every period stays a click away,
 * so a word it spells differently from Pagefind (which stems) costs an order, not a result.
 *
 * Files are cut by a word's first PREFIX_LENGTH characters, hashed into a number of files that
 * grows with the archive: a query fetches one small file a word, and the directory adds a few
 * hundred files to the site, not one per three-letter beginning (some 7,000 at 100,000 articles,
 * a third of what a host limited to 20,000 files takes).
 */
export const PREFIX_LENGTH = 3;

/**
 * How many files the directory of an archive of `articles` is cut into: twice the square root,
 * as a power of two (a vocabulary grows slower than its archive), so that a file holds one to
 * two hundred words, some 1 kB compressed. It changes only when the archive about doubles,
 * which rewrites every file once.
 */
export function directoryFileCount(articles: number): number {
  return Math.min(4096, Math.max(16, 2 ** Math.round(Math.log2(2 * Math.sqrt(Math.max(1, articles))))));
}

/**
 * The file holding a word: its first PREFIX_LENGTH characters hashed (32-bit FNV-1a), so that
 * every word beginning with a query's word is in that word's file. The search page hashes alike.
 */
export function fileNumberOf(word: string, fileCount: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < Math.min(PREFIX_LENGTH, word.length); i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193) >>> 0;
  return hash % fileCount;
}

/** A word in the directory: letters and digits with at least one letter, three or more of them. */
const KEPT = /^(?=[0-9]*[a-z])[a-z0-9]{3,}$/u;

/**
 * The directory's words of a search text, added to `into`: lower case, accents taken off, and
 * punctuation inside a word dropped ("U.S.A." is "usa", "year's" is "years") as Pagefind does;
 * a word with punctuation inside gives its parts as well ("long-running": "long", "running").
 * The search page spells a query's words by the same rules.
 */
export function addDirectoryWords(text: string, into: Set<string>): void {
  // Two passes of one pattern each over the whole text, not a split and a map per word: this
  // runs over every word of the archive (in the rebuild of a 3,500-article shard, on the path the
  // build waits on), and took twice as long the other way. Plain ASCII, most text, skips the
  // Unicode classes, a quarter faster again; the words are the same either way.
  const ascii = !NOT_ASCII.test(text);
  const folded = (ascii ? text : text.normalize("NFD").replace(/\p{M}/gu, "")).toLowerCase();
  const [part, joinedWord, between] = ascii ? ASCII_PATTERNS : UNICODE_PATTERNS;
  for (const word of folded.match(part) ?? []) if (KEPT.test(word)) into.add(word);
  for (const token of folded.match(joinedWord) ?? []) {
    const joined = token.replace(between, "");
    if (KEPT.test(joined)) into.add(joined);
  }
}

const NOT_ASCII = /[^\x00-\x7f]/u;
/** A run of letters and digits; runs joined by punctuation; what joins them. */
const ASCII_PATTERNS = [/[a-z0-9]+/g, /[a-z0-9]+(?:[^\sa-z0-9]+[a-z0-9]+)+/g, /[^a-z0-9]+/g] as const;
const UNICODE_PATTERNS = [/[\p{L}\p{N}]+/gu, /[\p{L}\p{N}]+(?:[^\s\p{L}\p{N}]+[\p{L}\p{N}]+)+/gu, /[^\p{L}\p{N}]+/gu] as const;

/** Every period holds the word: it tells periods apart no better than no entry, but says so. */
export const EVERY_PERIOD = "*";

/** A mask as a file spells it: bit i for the i-th period, oldest first. */
function maskText(mask: bigint, periodCount: number): string {
  return mask === (1n << BigInt(periodCount)) - 1n ? EVERY_PERIOD : mask.toString(16);
}

function maskOf(text: string, periodCount: number): bigint {
  return text === EVERY_PERIOD ? (1n << BigInt(periodCount)) - 1n : BigInt(`0x${text}`);
}

/** A file's text from its words and masks: words in order, so that any build writes the same bytes. */
function fileText(masks: ReadonlyMap<string, bigint>, periodCount: number): string {
  const words = [...masks.keys()].sort();
  return JSON.stringify(Object.fromEntries(words.map((word) => [word, maskText(masks.get(word)!, periodCount)])));
}

/**
 * The directory's files: file number to JSON text, `{"word": mask}`, where the mask is the periods
 * holding the word as hexadecimal bits, or EVERY_PERIOD. `periods` are each period's words,
 * oldest first, bit i for `periods[i]`: a new period, or new cuts in the newest year, then
 * change no bit of a word found only in older years, and its file stays as it was.
 */
export function directoryFiles(periods: readonly (readonly string[])[], fileCount: number): Map<number, string> {
  // Period numbers first, one big integer a word after: an integer made for every word of every
  // period cost a third of a second at 100,000 articles.
  const holders = new Map<string, number[]>();
  periods.forEach((words, i) => {
    for (const word of words) {
      const list = holders.get(word);
      if (list) list.push(i);
      else holders.set(word, [i]);
    }
  });
  const byFile = new Map<number, Map<string, bigint>>();
  for (const [word, list] of holders) {
    let mask = 0n;
    for (const i of list) mask |= 1n << BigInt(i);
    const file = fileNumberOf(word, fileCount);
    const masks = byFile.get(file);
    if (masks) masks.set(word, mask);
    else byFile.set(file, new Map([[word, mask]]));
  }
  return new Map([...byFile].map(([file, masks]) => [file, fileText(masks, periods.length)]));
}

/** A word a period has gained (`held`) or lost since the directory was written. */
export interface WordChange {
  readonly word: string;
  readonly period: number;
  readonly held: boolean;
}

/** What changed in period number `period` from `before` to `after`, both in order. */
export function wordChanges(period: number, before: readonly string[], after: readonly string[]): WordChange[] {
  const changes: WordChange[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (j >= after.length || (i < before.length && before[i]! < after[j]!)) changes.push({ word: before[i++]!, period, held: false });
    else if (i >= before.length || after[j]! < before[i]!) changes.push({ word: after[j++]!, period, held: true });
    else {
      i++;
      j++;
    }
  }
  return changes;
}

/**
 * A directory file with changes to its words applied, or null when it holds no word any more: a
 * rebuild rewrites only the files of the words a re-indexed period gained or lost, not thousands.
 */
export function updatedFile(text: string | null, changes: readonly WordChange[], periodCount: number): string | null {
  const masks = new Map(Object.entries(text === null ? {} : (JSON.parse(text) as Record<string, string>)).map(([word, mask]) => [word, maskOf(mask, periodCount)]));
  for (const { word, period, held } of changes) {
    const bit = 1n << BigInt(period);
    const mask = held ? (masks.get(word) ?? 0n) | bit : (masks.get(word) ?? 0n) & ~bit;
    if (mask === 0n) masks.delete(word);
    else masks.set(word, mask);
  }
  return masks.size === 0 ? null : fileText(masks, periodCount);
}
