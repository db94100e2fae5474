import slugify from "@sindresorhus/slugify";

/**
 * Umlauts lose their dots rather than gaining an `e`: the German `ue` spelling is wrong for
 * Turkish (`Türkiye` → `turkiye`, not `tuerkiye`), Finnish or Hungarian names in a mixed archive.
 */
const NEUTRAL: [string, string][] = [["ä", "a"], ["ö", "o"], ["ü", "u"]];

/** Slugs longer than this are cut at a word boundary: paths stay readable and within file-name limits. */
const MAX_SLUG_LENGTH = 80;

/**
 * A readable URL segment for any script: transliterated where a standard transliteration exists
 * (`Erdoğan` → `erdogan`, `Москва` → `moskva`), otherwise the words themselves, lower-cased
 * (`中国经济` stays `中国经济`). Never empty: text with no letters or digits gives `fallback`.
 */
export function slug(text: string, fallback = "untitled"): string {
  // `U.S.` → `US` and `It's` → `Its` before slugify splits on the punctuation.
  const tidy = text.replace(/(?<=\p{L})[.'’](?=\p{L})/gu, "").replace(/<[^>]*>/gu, (tag) => ` ${tag.slice(1, -1)} `);
  // Word by word, so that words with no transliteration (Chinese, Japanese, ...) keep their
  // letters, which browsers show as written, even beside Latin words.
  const lower = tidy.toLowerCase();
  const options = { decamelize: false, customReplacements: NEUTRAL };
  // Plain ASCII loses no letters to transliteration: one call does (and is most headlines).
  let result = /^[\x20-\x7e]*$/u.test(lower)
    ? slugify(lower, options)
    : lower
        .split(/\s+/u)
        .map((word) => slugify(word, options) || (word.normalize("NFC").match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).join("-"))
        .filter(Boolean)
        .join("-");
  if (result.length > MAX_SLUG_LENGTH) {
    const cut = result.slice(0, MAX_SLUG_LENGTH + 1);
    const boundary = cut.lastIndexOf("-");
    result = boundary > MAX_SLUG_LENGTH / 2 ? cut.slice(0, boundary) : cut.slice(0, MAX_SLUG_LENGTH);
  }
  return result === "" ? fallback : result;
}
