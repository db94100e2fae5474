/** Words kept lower case inside a title-cased section name, as a newspaper style guide would. */
const MINOR_WORDS = new Set(["a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "via", "with"]);

/**
 * Initialisms a section header writes in capitals because they are written so: kept as they are.
 * Those with no vowel (`GDP`, `BBC`, `STG`) are found without a list; these have one.
 */
const ACRONYMS = new Set([
  "US", "USA", "UK", "EU", "UN", "UAE", "NATO", "OPEC", "OECD", "IMF", "WTO", "WHO", "ECB", "IAEA", "ASEAN", "UNESCO", "UNICEF",
  "NASA", "FBI", "CIA", "FIFA", "UEFA", "NBA", "CEO", "IPO", "AI", "EV", "CPI", "CPU", "LEI", "OTC",
]);

/** Written in capitals on purpose: a known initialism, one with no vowel, a figure (`G20`), or dotted (`U.S.`). */
function isInitialism(word: string): boolean {
  return ACRONYMS.has(word) || (word.length > 1 && /^\p{Lu}+$/u.test(word) && !/[AEIOUY]/u.test(word)) || /\p{N}/u.test(word) || /\p{L}\.\p{L}/u.test(word);
}

/**
 * The display name of a section: `SYRIAN CONFLICT` → `Syrian Conflict`,
 * `MERGERS AND ACQUISITIONS` → `Mergers and Acquisitions`, `US DOLLAR` → `US Dollar` (initialisms
 * as written). A site's override wins
 * (`US ELECTIONS` → `US Elections`), looked up by the name as written in the header.
 */
export function sectionName(raw: string, overrides: Readonly<Record<string, string>> = {}): string {
  const override = overrides[raw] ?? overrides[raw.toUpperCase()];
  if (override !== undefined) return override;
  // Mixed case is a deliberate spelling: keep it.
  if (raw !== raw.toUpperCase()) return raw;
  return raw
    .split(" ")
    .map((word, i) => {
      if (isInitialism(word)) return word;
      const lower = word.toLocaleLowerCase();
      if (i > 0 && MINOR_WORDS.has(lower)) return lower;
      // Title-case each part of a hyphenated word: `MIDDLE-EAST` → `Middle-East`.
      return lower.replace(/(^|[-/])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toLocaleUpperCase());
    })
    .join(" ");
}
