/**
 * The contract between the parser, the archive index, the Eleventy glue and the templates.
 * Everything here is plain data: it survives JSON, a cache file and a worker boundary.
 */
import type { EncodedMentions } from "./mentions.js";

/** A calendar date as written in the header, `YYYY-MM-DD`, already checked to be real. */
export type IsoDate = string & { readonly __brand: "IsoDate" };

export type Block =
  | { readonly type: "paragraph"; readonly text: string }
  /** A crosshead; `id` is its anchor, unique within the article. */
  | { readonly type: "heading"; readonly text: string; readonly id: string };

/** What one file says, before the archive gives it a URL. */
export interface ParsedArticle {
  /** Path as given to the parser, used in error messages and to break URL ties. */
  readonly file: string;
  readonly date: IsoDate;
  /** The section exactly as the header writes it, e.g. `SYRIAN CONFLICT`. */
  readonly sectionRaw: string;
  readonly headline: string;
  /**
   * The headline's URL slug, `Ferry delayed` → `ferry-delayed`. Made once when the file is parsed
   * (and cached with the parse), not on every build: slugging 100,000 headlines took a second.
   */
  readonly slug: string;
  readonly standfirst: string | null;
  /** `Moscow`, `TOKYO, March 2`: the dateline opening the first paragraph, without its dash. */
  readonly dateline: string | null;
  /** Never empty: an article without body text is an error, not an article. */
  readonly body: readonly Block[];
  /** Each credit once, in order: `Reuters, AFP` → `["Reuters", "AFP"]`. */
  readonly sources: readonly string[];
  /** The credit line as written, e.g. `Reuters, AFP`. */
  readonly source: string | null;
  readonly words: number;
  /** The people, places and organisations it names, as candidates for the archive's topics (mentions.ts). */
  readonly mentions: EncodedMentions;
}

/** A problem with one input file, located like a compiler error: `path:line: message`. */
export interface Problem {
  readonly file: string;
  /** 1-based; 0 when the problem concerns the file as a whole (unreadable). */
  readonly line: number;
  readonly message: string;
  readonly severity: "error" | "warning";
}

export type ParseResult =
  | { readonly ok: true; readonly article: ParsedArticle; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** C0 and C1 control characters, and the two separators some viewers break lines at. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r" };

/**
 * Text for a terminal, with control characters written as in a JSON string (`\n`, `\t`,
 * `\u001b`): a file name holding a newline must not split its message in two, nor one holding an
 * escape sequence drive the terminal. For display only: files are read by their real names.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** One line, whatever the file's name or the text a message quotes from it. */
export function formatProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}` : p.file;
  return printable(`${where}: ${p.severity === "warning" ? "warning: " : ""}${p.message}`);
}
