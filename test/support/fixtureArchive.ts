import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * A small invented archive for build tests: several years, sections and sources.
 * Tests derive what pages should hold from this table, never from the program's output.
 */
export interface FixtureArticle {
  readonly file: string;
  readonly date: string;
  readonly section: string;
  readonly headline: string;
  readonly standfirst?: string;
  readonly dateline?: string;
  readonly paragraphs: readonly string[];
  readonly crosshead?: string;
  readonly source?: string;
}

const PLACES = ["Lisbon", "Nairobi", "Oslo", "Lima", "Hanoi", "Quito", "Accra", "Perth"];
const TOPICS: Record<string, readonly string[]> = {
  "HARBOUR NEWS": ["ferry", "dredging", "lighthouse", "quay", "tugboat", "regatta"],
  "CITY COUNCIL": ["budget", "zoning", "library", "tramline", "parking", "mayor"],
  "WEATHER": ["drought", "floods", "heatwave", "frost", "monsoon", "hailstorm"],
  "US ELECTIONS": ["primary", "ballot", "caucus", "turnout", "delegates", "debate"],
};
const SOURCES = ["Bloomberg", "Reuters", "AFP", "Reuters, AFP", "Staff Writer"];

/** 36 articles: 9 per section, dates spread over 2015–2018, sources in rotation. */
export function fixtureArticles(): FixtureArticle[] {
  const articles: FixtureArticle[] = [];
  let n = 0;
  for (const [section, words] of Object.entries(TOPICS)) {
    for (let i = 0; i < 9; i++) {
      const year = 2015 + (n % 4);
      const month = 1 + ((n * 5) % 12);
      const day = 1 + ((n * 7) % 28);
      const date = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
      const word = words[i % words.length]!;
      const unique = `zq${section.slice(0, 3).toLowerCase().replace(/\s/gu, "")}${i}x`; // a word found in this article only
      articles.push({
        file: `${year}/${section.toLowerCase().replace(/\s+/gu, "-")}-${i}.txt`,
        date,
        section,
        headline: `${capitalise(word)} report number ${i + 1} for ${section.toLowerCase()}`,
        standfirst: i % 3 === 0 ? undefined : `Officials describe the ${word} situation as it stood on that day`,
        dateline: i % 2 === 0 ? PLACES[n % PLACES.length] : undefined,
        paragraphs: [
          `The ${word} was the main subject of discussion this week, officials said, as residents asked for clearer answers about what comes next.`,
          `A spokesperson said the ${word} would be reviewed again next month, and that the marker ${unique} had been recorded in the minutes.`,
          `Further meetings are planned, and a written report on the ${word} is expected before the end of the season.`,
        ],
        crosshead: i % 4 === 1 ? "What happens next" : undefined,
        source: SOURCES[n % SOURCES.length],
      });
      n++;
    }
  }
  return articles;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The article file's text, in the format of the seed article. */
export function articleText(a: FixtureArticle): string {
  const body = [...a.paragraphs];
  if (a.dateline) body[0] = `${a.dateline} — ${body[0]}`;
  if (a.crosshead) body.splice(2, 0, a.crosshead);
  return [
    ` date ${a.date} ${a.section}`,
    a.headline,
    ...(a.standfirst ? [a.standfirst] : []),
    ...body,
    ...(a.source ? [a.source] : []),
    "Please login or register to comment.",
  ].join("\n");
}

/** Writes the articles into a new temporary folder and returns its path. */
export async function writeArchive(articles: readonly FixtureArticle[], extra: Record<string, string | Uint8Array> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-articles-"));
  const files: Record<string, string | Uint8Array> = Object.fromEntries(articles.map((a) => [a.file, articleText(a)]));
  for (const [file, content] of Object.entries({ ...files, ...extra })) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  return dir;
}
