/**
 * Datelines: `Moscow — `, `TOKYO, March 2 - `, `ROCHESTER, N.Y., Feb 26 - `,
 * `WINSTON-SALEM, N.C. - `, and wire noise in front such as `****` or `RPT --`.
 */

// Wire copy writes the date after the place: `March 2`, `Feb 26`, `2 March`, and with typos
// (`Narch 2`, `Marc 3`), so any word of month length next to a day number counts.
const DATE = "(?:\\p{L}{3,9}\\.?\\s+\\d{1,2}|\\d{1,2}\\s+\\p{L}{3,9})(?:,?\\s+\\d{4})?";
const DATE_PART = new RegExp(`^${DATE}$`, "u");
/** An English month's name or its abbreviation, alone. */
const MONTH = /^(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?$/iu;
/** A place and a date with no comma between them: `RICHMOND, Va. Feb 26`. */
const PLACE_THEN_DATE = new RegExp(`^(.+?)\\s+(${DATE})$`, "u");

/** Small words that may stay lower case inside a place name: `Rio de Janeiro`, `Stratford-upon-Avon`. */
const PARTICLES = new Set(["de", "da", "do", "dos", "das", "del", "la", "le", "les", "al", "el", "of", "on", "upon", "am", "im", "an", "der", "di", "du", "y", "e", "es", "sur", "bin"]);

/** A place word: capitalised (`Moscow`, `SANTA`, `N.Y.`, `Port-au-Prince`, `O'Hare`) or a particle. */
function isPlaceWord(word: string): boolean {
  if (PARTICLES.has(word)) return true;
  return /^\p{Lu}[\p{L}\p{M}.'’/-]*$/u.test(word);
}

function isPlaceSegment(segment: string, maxWords: number): boolean {
  const words = segment.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > maxWords) return false;
  // The first word must be capitalised: a particle cannot open a place name.
  if (!/^\p{Lu}/u.test(words[0]!)) return false;
  return words.every(isPlaceWord);
}

// Up to 80 characters of place and date, then a dash with space on both sides.
// The dash may be doubled (`--`) in old wire copy.
const DATELINE = /^(?:[*#]+\s*|RPT\s*-+\s*)?([^\s—–-][^—–]{0,79}?)\s+(?:—|–|--?)\s+(\S.*)$/su;

export interface DatelineSplit {
  readonly dateline: string;
  readonly text: string;
}

/** Splits a leading dateline off a paragraph, or returns null when the line has none. */
export function splitDateline(line: string): DatelineSplit | null {
  const match = DATELINE.exec(line);
  if (!match) return null;
  const place = match[1]!.trim();
  const text = match[2]!;
  const segments = place.split(",").map((s) => s.trim());
  if (segments.length > 5 || segments.some((s) => s === "")) return null;
  const [first, ...rest] = segments;
  if (!isPlaceSegment(first!, 5)) return null;
  for (const segment of rest) {
    if (DATE_PART.test(segment) || isPlaceSegment(segment, 4)) continue;
    const placeThenDate = PLACE_THEN_DATE.exec(segment);
    if (!placeThenDate || !isPlaceSegment(placeThenDate[1]!, 4)) return null;
  }
  return { dateline: place, text };
}

/**
 * The place of a dateline, without its date: `NEW YORK, June 1` → `NEW YORK`, `ROCHESTER,
 * N.Y., Feb 26` → `ROCHESTER, N.Y.`, `RICHMOND, Va. Feb 26` → `RICHMOND, Va.`, `Moscow` → `Moscow`.
 */
export function datelinePlace(dateline: string): string {
  const place: string[] = [];
  for (const segment of dateline.split(",").map((s) => s.trim())) {
    // A date, or a month whose day the wire left out (`SYDNEY, April`).
    if (DATE_PART.test(segment) || (place.length > 0 && MONTH.test(segment))) break;
    const placeThenDate = PLACE_THEN_DATE.exec(segment);
    if (placeThenDate && place.length > 0) {
      place.push(placeThenDate[1]!);
      break;
    }
    place.push(segment);
  }
  return place.join(", ");
}
