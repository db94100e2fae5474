import { encodeMentions, mentionsOf } from "../../src/article/mentions.js";
import { parseArticle, type ParseOptions } from "../../src/article/parse.js";
import type { Block, IsoDate, ParsedArticle, Problem } from "../../src/article/types.js";
import { slug } from "../../src/slug.js";

/** Joins lines into a file's text, ending with a newline. */
export function file(lines: readonly string[], eol = "\n"): string {
  return lines.join(eol) + eol;
}

/** Parses text that must be a valid article; fails the test with the problems otherwise. */
export function parseOk(text: string, path = "articles/story.txt", options?: ParseOptions): ParsedArticle {
  const result = parseArticle(text, path, options);
  if (!result.ok) throw new Error(`expected a valid article, got: ${JSON.stringify(result.problems)}`);
  return result.article;
}

/** Parses text that must be rejected; returns its problems. */
export function parseProblems(text: string, path = "articles/story.txt", options?: ParseOptions): readonly Problem[] {
  const result = parseArticle(text, path, options);
  if (result.ok) throw new Error(`expected problems, got an article: ${JSON.stringify(result.article)}`);
  return result.problems;
}

/** Text of every block, in order. */
export function texts(article: ParsedArticle): string[] {
  return article.body.map((b) => b.text);
}

/** Invented prose: each line is a full paragraph (more than eight words, ending a sentence). */
export const PROSE = {
  p1: "Harbour officials in Valletta said on Tuesday that the new ferry terminal would open three months later than planned.",
  p2: "The delay was blamed on a shortage of steel and on storms that flooded the building site twice in January.",
  p3: "Ferry operators said they would keep using the old quay until the work was finished, despite complaints from passengers.",
  p4: "A spokeswoman for the transport ministry said the final cost had not yet been agreed with the main contractor.",
} as const;

export const HEADLINE = "Valletta ferry terminal opening delayed until summer";
export const STANDFIRST = "Storms and a steel shortage push back the island's biggest building project";

/** A minimal parsed article, as the parser would produce it, for archive tests. */
export function parsed(over: Partial<ParsedArticle> & { file: string }): ParsedArticle {
  // The slug follows the headline unless a test sets it, as the parser's would.
  const headline = over.headline ?? HEADLINE;
  const article = {
    date: "2019-03-14" as IsoDate,
    sectionRaw: "MALTA NEWS",
    headline,
    slug: slug(headline),
    standfirst: null,
    dateline: null,
    body: [{ type: "paragraph", text: PROSE.p1 }] as readonly Block[],
    sources: [],
    source: null,
    words: 19,
    ...over,
  };
  // The mentions follow the text, as the parser's do, unless a test sets them.
  return { ...article, mentions: over.mentions ?? encodeMentions(mentionsOf(article)) };
}

export function iso(value: string): IsoDate {
  return value as IsoDate;
}
