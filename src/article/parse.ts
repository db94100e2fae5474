import { slug } from "../slug.js";
import { splitDateline } from "./dateline.js";
import { encodeMentions, mentionsOf } from "./mentions.js";
import { lineCount, textLines, type Line } from "./lines.js";
import type { Block, IsoDate, ParseResult, ParsedArticle, Problem } from "./types.js";

export const DEFAULT_BOILERPLATE: readonly string[] = ["Please login or register to comment."];

export interface ParseOptions {
  /** Trailing lines to drop, compared after trimming. */
  readonly boilerplate?: readonly string[];
  /**
   * False when the site has no topics: the names an article gives are then not looked for, which
   * is some 70% of a parse. Only ever set to false, so that caches keyed by these options keep
   * their key when it is left out.
   */
  readonly names?: false;
}

const HEADER = /^date\b\s*(\S*)\s*(.*)$/iu;
/** Sentence punctuation: a line ending with one of these is prose, not a label. */
const SENTENCE_END = /[.!?:;,…"”'’)\]]$/u;
const MAX_CROSSHEAD_WORDS = 8;
const MAX_SOURCE_WORDS = 5;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether text[start, end) holds a letter or a digit; ASCII answered without the regex. */
function hasLetterOrDigit(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)) return true;
    if (c > 127) return LETTER_OR_DIGIT.test(text.slice(start, end));
  }
  return false;
}

/**
 * Words (space-separated runs holding a letter or digit), counted no further than `limit`:
 * every line of every article is measured against a crosshead's few words.
 */
function wordsUpTo(text: string, limit: number): number {
  let count = 0;
  for (let start = 0; start <= text.length && count < limit; ) {
    const space = text.indexOf(" ", start);
    const end = space === -1 ? text.length : space;
    if (hasLetterOrDigit(text, start, end)) count++;
    start = end + 1;
  }
  return count;
}

/** A short line with no sentence punctuation at its end: the shape of a crosshead or a credit. */
function isLabel(text: string, maxWords: number): boolean {
  const words = wordsUpTo(text, maxWords + 1);
  return words > 0 && words <= maxWords && !SENTENCE_END.test(text);
}

/**
 * Lines with figures (`Net 807,000 vs 2,858,000`, `Dividend five francs vs no comparison`) or
 * that introduce a list (`Pretax profit comprises -`) are data, never headings.
 */
function isFigures(text: string): boolean {
  const numbers = text.match(/\p{N}+/gu)?.length ?? 0;
  return numbers >= 2 || / vs\.? /iu.test(text) || /[-–—]$/u.test(text);
}

/** A full paragraph: more than a label's worth of words, ending as a sentence ends. */
function isProseLine(text: string): boolean {
  return wordsUpTo(text, MAX_CROSSHEAD_WORDS + 1) > MAX_CROSSHEAD_WORDS && SENTENCE_END.test(text);
}

/** A full stop, question or exclamation mark, or an ellipsis, with any closing quotes and brackets. */
const FULL_STOP = /[.!?…]["”'’)\]]*$/u;

/**
 * Running text on either side of a crosshead: a full paragraph, or a short sentence that is no
 * table row. Wire copy often runs one short sentence a paragraph (`Unions called it a warning.`);
 * a table's header (`Soybean (cents per bushel)`) ends with no full stop.
 */
function isSentenceLine(text: string | undefined): boolean {
  return text !== undefined && (isProseLine(text) || (FULL_STOP.test(text) && !isFigures(text)));
}

/** Checks `YYYY-MM-DD` is a real calendar date (no 30 February). */
export function isRealDate(value: string): value is IsoDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Classifies body lines. A crosshead is a short line without end punctuation standing alone
 * between two sentences, however short they are; short lines next to other short lines or to
 * table rows (an earnings table: `Year`, `Net 807,000 vs 2,858,000`) are figures, kept as
 * paragraphs.
 */
function bodyBlocks(lines: readonly string[]): Block[] {
  const ids = new Set<string>();
  const anchor = (text: string): string => {
    const base = slug(text, "section");
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };
  return lines.map((text, i): Block => {
    const heading =
      i > 0 &&
      isLabel(text, MAX_CROSSHEAD_WORDS) &&
      !isFigures(text) &&
      isSentenceLine(lines[i - 1]) &&
      isSentenceLine(lines[i + 1]);
    return heading ? { type: "heading", text, id: anchor(text) } : { type: "paragraph", text };
  });
}

/**
 * Splits a credit line into its sources: `Reuters, AFP` → Reuters, AFP; `Reuters and AFP` and
 * `Reuters & AFP` too. A bare `&` splits only between spaces, so `Smith &amp; Sons` stays whole.
 */
export function splitSources(credit: string): string[] {
  const parts = credit.split(/\s*(?:,|\/|;|\band\b)\s*|\s+&\s+/u).map((s) => s.trim()).filter(Boolean);
  return [...new Set(parts)];
}

/**
 * Reads one article file's text into an article, or lists every problem found in it.
 * Pure: the caller reads the file and decides what a path looks like.
 */
export function parseArticle(text: string, file: string, options: ParseOptions = {}): ParseResult {
  const result = parse(text, file, options);
  if (!result.ok) return result;
  const a = result.article;
  // Every article's fields in one order, the names last (see `publish` on hidden classes).
  return { ok: true, article: { ...a, mentions: encodeMentions(options.names === false ? [] : mentionsOf(a)) }, warnings: result.warnings };
}

/**
 * The body of an article file's text, or null if it is no article: as `parseArticle` reads it,
 * without finding the names it gives. For a body read back from a file whose parse is cached
 * (src/io/parseCache.ts): finding names is some 70% of a parse, and a build that redraws every
 * page reads back every body (100,000 at 100,000 articles).
 */
export function articleBody(text: string, file: string, options: ParseOptions = {}): readonly Block[] | null {
  const result = parse(text, file, options);
  return result.ok ? result.article.body : null;
}

/** An article before the names it gives are found. */
type Unnamed = Omit<ParsedArticle, "mentions">;

function parse(text: string, file: string, options: ParseOptions): { readonly ok: true; readonly article: Unnamed; readonly warnings: readonly Problem[] } | { readonly ok: false; readonly problems: readonly Problem[] } {
  const problems: Problem[] = [];
  const error = (line: number, message: string): void => {
    problems.push({ file, line, message, severity: "error" });
  };
  const lines = textLines(text);
  const header = lines[0];
  if (header === undefined) {
    error(1, "empty file: expected a header line `date YYYY-MM-DD SECTION`");
    return { ok: false, problems };
  }
  const m = HEADER.exec(header.text);
  let date: IsoDate | null = null;
  let sectionRaw = "";
  if (!m) {
    error(header.number, `missing header: expected \`date YYYY-MM-DD SECTION\`, found "${clip(header.text)}"`);
  } else {
    const [, dateText = "", section = ""] = m;
    if (dateText === "") error(header.number, "missing date in header: expected `date YYYY-MM-DD SECTION`");
    else if (!/^\d{4}-\d{2}-\d{2}$/u.test(dateText)) error(header.number, `invalid date "${clip(dateText)}": expected YYYY-MM-DD`);
    else if (!isRealDate(dateText)) error(header.number, `invalid date "${dateText}": no such day`);
    else date = dateText;
    sectionRaw = section.trim();
    if (dateText !== "" && sectionRaw === "") error(header.number, "missing section after the date in header");
  }
  // Without a header line, the first line is more likely the headline than a broken header.
  const rest = m ? lines.slice(1) : lines.slice(0);

  const boilerplate = new Set(options.boilerplate ?? DEFAULT_BOILERPLATE);
  while (rest.length > 0 && boilerplate.has(rest[rest.length - 1]!.text)) rest.pop();

  const headline = rest.shift();
  if (headline === undefined) {
    error(Math.max(lineCount(text), header.number), "no headline: the file ends after the header");
    return { ok: false, problems };
  }

  // The credit: last line, short, no sentence punctuation, and never the only text line.
  let source: string | null = null;
  const last = rest[rest.length - 1];
  if (rest.length >= 2 && last && isLabel(last.text, MAX_SOURCE_WORDS) && !isFigures(last.text)) {
    source = last.text;
    rest.pop();
  }

  let standfirst: string | null = null;
  const first = rest[0];
  if (first && rest.length >= 2 && splitDateline(first.text) === null) {
    standfirst = first.text;
    rest.shift();
  }

  if (rest.length === 0) {
    error(headline.number, "no body: the headline is not followed by any paragraph");
    return { ok: false, problems };
  }
  if (problems.length > 0 || date === null) return { ok: false, problems };

  const bodyLines: string[] = rest.map((l: Line) => l.text);
  let dateline: string | null = null;
  const split = splitDateline(bodyLines[0]!);
  if (split) {
    dateline = split.dateline;
    bodyLines[0] = split.text;
  }
  const body = bodyBlocks(bodyLines);
  const words = (standfirst ? wordsUpTo(standfirst, Infinity) : 0) + body.reduce((n, b) => n + wordsUpTo(b.text, Infinity), 0);
  const article: Unnamed = {
    file,
    date,
    sectionRaw,
    headline: headline.text,
    slug: slug(headline.text),
    standfirst,
    dateline,
    body,
    sources: source ? splitSources(source) : [],
    source,
    words,
  };
  return { ok: true, article, warnings: [] };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
