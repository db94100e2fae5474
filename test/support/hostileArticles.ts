import path from "node:path";
import { articleText, type FixtureArticle } from "./fixtureArchive.js";

/**
 * Articles whose text looks like markup. Whatever a wire service sends is text: every page must
 * show it as written and never let it become a tag, close an element or run a script.
 */
export const HOSTILE: readonly FixtureArticle[] = [
  {
    file: "hostile/script.txt",
    date: "2016-03-03",
    section: "CITY COUNCIL",
    headline: "Council bans <script>alert(1)</script> from the agenda",
    standfirst: "A photo <img src=x onerror=alert(1)> went missing before </article> the vote",
    dateline: "Lisbon",
    paragraphs: [
      "The council met on Tuesday &amp; Wednesday to discuss the <b>budget</b>, officials said, and the minutes end with </p></main><p> as typed.",
      "A spokesperson said the agenda would be reviewed again next month, and that the marker zqhostilex had been recorded in the minutes.",
      "Further meetings are planned, and a written report on the <i>agenda</i> is expected before the end of the season.",
    ],
    crosshead: "What </h2> happens <em>next</em>",
    source: "Reuters",
  },
  {
    file: "hostile/ticker.txt",
    date: "2016-03-03",
    section: "HARBOUR NEWS",
    headline: "STANDARD HARBOUR <SRD> TO BUY TUGS &amp; BARGES",
    standfirst: "Standard Harbour <SRD> will buy two tugs & a barge",
    paragraphs: [
      "Standard Harbour <SRD> said it would buy two tugs and a barge for the port, the company said in a statement on Thursday.",
      "The purchase of the tugs, marked zqtickerx in the filing, is subject to approval by the harbour board next month.",
    ],
    source: "Staff Writer",
  },
];

/** The extra files for `writeArchive`: the hostile articles in the article format. */
export function hostileFiles(): Record<string, string> {
  return Object.fromEntries(HOSTILE.map((a) => [a.file, articleText(a)]));
}

/** Text as the templates must write it: escaped as HTML text (Nunjucks' autoescape). */
export function escapeHtml(text: string): string {
  return text.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;").replace(/"/gu, "&quot;").replace(/'/gu, "&#39;");
}

/** The section's URL segment as the fixture table names it: `HARBOUR NEWS` → `harbour-news`. */
export function sectionSlug(section: string): string {
  return section.toLowerCase().replace(/\s+/gu, "-");
}

/** The folder holding a dated article's page folder: `/city-council/2016/03/03/`. */
export function articleDayDir(output: string, a: FixtureArticle): string {
  const [y, m, d] = a.date.split("-");
  return path.join(output, sectionSlug(a.section), y!, m!, d!);
}
