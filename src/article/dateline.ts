/**
 * Datelines: `Moscow — `, `TOKYO, March 2 - `, `ROCHESTER, N.Y., Feb 26 - `,
 * `WINSTON-SALEM, N.C. - `, and wire noise in front such as `****` or `RPT --`.
 */
import { MONTHS } from "./lexicon.js";

// Wire copy writes the date after the place: `March 2`, `Feb 26`, `2 March`, and with typos
// (`Narch 2`, `Marc 3`), so any word of month length next to a day number counts.
const DATE = "(?:\\p{L}{3,9}\\.?\\s+\\d{1,2}|\\d{1,2}\\s+\\p{L}{3,9})(?:,?\\s+\\d{4})?";
const DATE_PART = new RegExp(`^${DATE}$`, "u");
/** English months' names and abbreviations, as the lexicon has them. */
const MONTH_NAMES = [...MONTHS].join("|");
/** An English month's name or its abbreviation, alone. */
const MONTH = new RegExp(`^(?:${MONTH_NAMES})\\.?$`, "iu");
/** A weekday's name or its abbreviation, alone. */
const WEEKDAY = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?$/iu;
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
  // A comma left before the dash (`CHICAGO, March 4, -`) ends nothing.
  const place = match[1]!.trim().replace(/\s*,$/u, "");
  const text = match[2]!;
  const segments = place.split(",").map((s) => s.trim());
  if (segments.length > 5 || segments.some((s) => s === "")) return null;
  // A month or a day is no place: `Mar - Apr 148.00 148.25` opens a row of a futures table.
  if (MONTH.test(segments[0]!) || WEEKDAY.test(segments[0]!)) return null;
  if (isDateline(segments)) return { dateline: place, text };
  return typedInHaste(segments, text);
}

function isDateline([first, ...rest]: readonly string[]): boolean {
  if (!isPlaceSegment(first!, 5)) return false;
  for (const segment of rest) {
    if (DATE_PART.test(segment) || isPlaceSegment(segment, 4)) continue;
    const placeThenDate = PLACE_THEN_DATE.exec(segment);
    if (!placeThenDate || !isPlaceSegment(placeThenDate[1]!, 4)) return false;
  }
  return true;
}

/** A month and a day, the day mistyped with letters for figures: `March 2O`, `April l`. */
const MISTYPED_DATE = new RegExp(`^(?:${MONTH_NAMES})\\.?\\s+[\\dOlI]{1,3}$`, "iu");

/**
 * A wire dateline typed in haste: `New york, March 2`, `La paz, march 18`, `0 LONDON, April
 * 29`, `ME}LBOURNE, March 3`, `SYDNEY, April l`, `BOSTON, March 187`, `JOHANNESBURG March 13`.
 * Taken only where a date ends it, as no sentence opens so, and given without the noise in
 * front. Missed, the wire's first paragraph was shown as an italic standfirst, its dateline in it.
 */
function typedInHaste(written: readonly string[], text: string): DatelineSplit | null {
  // No comma between place and date: `JOHANNESBURG March 13`.
  const placeThenDate = written.length === 1 ? PLACE_THEN_DATE.exec(written[0]!) : null;
  const segments = placeThenDate ? [placeThenDate[1]!, placeThenDate[2]!] : written;
  const dated = segments.length - 1;
  if (dated < 1 || !(DATE_PART.test(segments[dated]!) || MISTYPED_DATE.test(segments[dated]!))) return null;
  // Leading noise: figures or marks with no letter (`0 LONDON`).
  const words = segments[0]!.split(/\s+/u);
  const first = words.slice(Math.max(0, words.findIndex((w) => /\p{L}/u.test(w))));
  const loose = (some: readonly string[]): boolean => some.length > 0 && some.length <= 4 && some.every((w) => /^\p{L}/u.test(w));
  if (!loose(first) || !/^\p{Lu}/u.test(first[0]!)) return null;
  if (!segments.slice(1, dated).every((s) => loose(s.split(/\s+/u)))) return null;
  const place = first.join(" ");
  return { dateline: placeThenDate ? `${place} ${segments[1]}` : [place, ...segments.slice(1)].join(", "), text };
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
    // Past the first segment, or when it is the only one (`JOHANNESBURG March 13`).
    if (placeThenDate && (place.length > 0 || !dateline.includes(","))) {
      place.push(placeThenDate[1]!);
      break;
    }
    place.push(segment);
  }
  return place.join(", ");
}
