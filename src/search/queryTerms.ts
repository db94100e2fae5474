/**
 * The words Pagefind 1.6 looks up for a query typed on an English-language site, before it stems
 * them: a copy of what `search()` of `PagefindInstance` in pagefind.js (and pagefind-worker.js)
 * does for a language that needs no word segmentation, then hands to its WebAssembly, which
 * splits on " " and stems each word (`stem`). Copied rule for rule, quirks included:
 *
 * - The punctuation test is Pagefind's `/^\p{Pd}|\p{Pe}|\p{Pf}|\p{Pi}|\p{Po}|\p{Ps}$/u` on each
 *   grapheme: a dash only at a grapheme's start, an opening bracket only at its end. Symbols
 *   (`£`, `<`, `+`) are not punctuation and stay.
 * - Each grapheme is lower-cased on its own (`toLocaleLowerCase`, the reader's locale), so a
 *   Greek final capital sigma becomes `σ`, not `ς`.
 * - Only runs of two or more whitespace characters become one space, and only " " splits words:
 *   a lone tab or no-break space stays inside a word.
 *
 * @param includeCharacters the bundle's `include_characters` (pagefind-entry.json): graphemes
 *   kept as typed, neither dropped as punctuation nor lower-cased.
 */
export function queryTerms(text: string, includeCharacters: readonly string[] = []): string[] {
  const kept: string[] = [];
  for (const grapheme of graphemes(text)) {
    if (includeCharacters.includes(grapheme)) kept.push(grapheme);
    else if (!PUNCTUATION.test(grapheme)) kept.push(grapheme.toLocaleLowerCase());
  }
  const term = kept.join("").replace(/\s{2,}/g, " ").trim();
  return term
    .split(" ")
    .map(normalizeDiacritics)
    .filter((word) => word.length > 0);
}

/** Pagefind's test, anchors and all (the alternation binds `^` to Pd and `$` to Ps only). */
const PUNCTUATION = /^\p{Pd}|\p{Pe}|\p{Pf}|\p{Pi}|\p{Po}|\p{Ps}$/u;

/** Pagefind segments with the page's language ("en"); without Intl.Segmenter it walks code points. */
const segmenter = typeof Intl.Segmenter === "undefined" ? undefined : new Intl.Segmenter("en", { granularity: "grapheme" });

function graphemes(text: string): Iterable<string> {
  if (segmenter === undefined) return text;
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

/** Pagefind's `normalizeDiacritics`: marks removed after NFD, except the kana voicing marks. */
function normalizeDiacritics(word: string): string {
  const stripped = word.normalize("NFD").replace(/(?![\u3099\u309A])\p{M}/gu, "");
  return /[\u3099\u309A]/.test(stripped) ? stripped.normalize("NFC") : stripped;
}
