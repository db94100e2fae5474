/**
 * A directory of which search periods hold each word, for the search page to choose which period
 * to open first. A large archive's search index is cut into periods (searchShards.ts), and the
 * page searches one period at a time: by best match it opens first the periods that hold the
 * query's rarer words, so an article remembered by a name is found without going back year by
 * year. The directory only orders periods, never rules one out: every period stays a click away,
 * so a word it spells differently from Pagefind (which stems) costs an order, not a result.
 *
 * Files are cut by a word's first PREFIX_LENGTH characters: a query fetches one small file a word.
 */
export const PREFIX_LENGTH = 3;

/** A word in the directory: letters and digits with at least one letter, three or more of them. */
const KEPT = /^(?=[0-9]*[a-z])[a-z0-9]{3,}$/u;

/**
 * The directory's words of a search text, added to `into`: lower case, accents taken off, and
 * punctuation inside a word dropped ("U.S.A." is "usa", "year's" is "years") as Pagefind does;
 * a word with punctuation inside gives its parts as well ("long-running": "long", "running").
 * The search page spells a query's words by the same rules.
 */
export function addDirectoryWords(text: string, into: Set<string>): void {
  for (const token of text.normalize("NFD").toLowerCase().split(/\s+/u)) {
    const parts = token.split(/[^\p{L}\p{N}\p{M}]+/u).map((p) => p.replace(/\p{M}/gu, ""));
    const joined = parts.join("");
    if (KEPT.test(joined)) into.add(joined);
    if (parts.length > 1) for (const part of parts) if (KEPT.test(part)) into.add(part);
  }
}

/** Every period holds the word: it tells periods apart no better than no entry, but says so. */
export const EVERY_PERIOD = "*";

/**
 * The directory's files: prefix to JSON text, `{"word": mask}` with words in order, where the mask
 * is the periods holding the word as hexadecimal bits (bit i for `periods[i]`, the order of the
 * search page's list, newest first), or EVERY_PERIOD. `periods` are each period's words.
 */
export function directoryFiles(periods: readonly (readonly string[])[]): Map<string, string> {
  const masks = new Map<string, bigint>();
  periods.forEach((words, i) => {
    const bit = 1n << BigInt(i);
    for (const word of words) masks.set(word, (masks.get(word) ?? 0n) | bit);
  });
  const every = (1n << BigInt(periods.length)) - 1n;
  const byPrefix = new Map<string, string[]>();
  for (const word of [...masks.keys()].sort()) {
    const prefix = word.slice(0, PREFIX_LENGTH);
    const list = byPrefix.get(prefix);
    if (list) list.push(word);
    else byPrefix.set(prefix, [word]);
  }
  const files = new Map<string, string>();
  for (const [prefix, words] of byPrefix) {
    const entries = words.map((word) => {
      const mask = masks.get(word)!;
      return [word, mask === every ? EVERY_PERIOD : mask.toString(16)];
    });
    files.set(prefix, JSON.stringify(Object.fromEntries(entries)));
  }
  return files;
}
