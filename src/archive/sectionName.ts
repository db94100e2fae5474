/** Words kept lower case inside a title-cased section name, as a newspaper style guide would. */
const MINOR_WORDS = new Set(["a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "via", "with"]);

/**
 * The display name of a section: `SYRIAN CONFLICT` → `Syrian Conflict`,
 * `MERGERS AND ACQUISITIONS` → `Mergers and Acquisitions`. A site's override wins
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
      const lower = word.toLocaleLowerCase();
      if (i > 0 && MINOR_WORDS.has(lower)) return lower;
      // Title-case each part of a hyphenated word: `MIDDLE-EAST` → `Middle-East`.
      return lower.replace(/(^|[-/])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toLocaleUpperCase());
    })
    .join(" ");
}
