import { describe, expect, it } from "vitest";
import { publish } from "../../src/archive/urls.js";
import { relatedArticles } from "../../src/archive/related.js";
import { iso, parsed } from "./helpers.js";

/** An article whose headline is `words`; the body is filler every test article shares. */
function story(n: number, words: string, date = "2019-03-14") {
  return parsed({
    file: `articles/${String(n).padStart(3, "0")}.txt`,
    date: iso(date),
    headline: words,
    body: [{ type: "paragraph", text: "Officials said the matter was being studied." }],
  });
}

/** Index → the headlines of its related articles, which is what a reader sees. */
function relatedHeadlines(stories: ReturnType<typeof story>[]): Map<string, string[]> {
  const articles = publish(stories);
  const related = relatedArticles(articles);
  return new Map(articles.map((a, i) => [a.headline, related[i]!.map((j) => articles[j]!.headline)]));
}

/** Enough unrelated articles that the test words count as rare. */
const filler = Array.from({ length: 40 }, (_, i) => story(100 + i, `Filler number${i} about topic${i}`));

describe("related articles", () => {
  it("links articles that share rare words, never an article to itself", () => {
    const related = relatedHeadlines([story(1, "Tanker spill off Gozo coast"), story(2, "Gozo tanker owners fined"), story(3, "Budget vote delayed"), ...filler]);
    expect(related.get("Tanker spill off Gozo coast")).toEqual(["Gozo tanker owners fined"]);
    expect(related.get("Gozo tanker owners fined")).toEqual(["Tanker spill off Gozo coast"]);
    expect(related.get("Budget vote delayed")).toEqual([]);
  });

  it("ranks the article sharing more rare words first", () => {
    const related = relatedHeadlines([
      story(1, "Marsaxlokk fishermen protest trawler quotas"),
      story(2, "Trawler quotas anger Marsaxlokk fishermen"),
      story(3, "Marsaxlokk festival draws crowds"),
      ...filler,
    ]);
    expect(related.get("Marsaxlokk fishermen protest trawler quotas")).toEqual(["Trawler quotas anger Marsaxlokk fishermen", "Marsaxlokk festival draws crowds"]);
  });

  it("breaks a tie in favour of the newer article", () => {
    const related = relatedHeadlines([
      story(1, "Desalination plant opens", "2019-03-10"),
      story(2, "Desalination costs questioned", "2019-03-01"),
      story(3, "Desalination tender awarded", "2019-03-20"),
      ...filler,
    ]);
    expect(related.get("Desalination plant opens")).toEqual(["Desalination tender awarded", "Desalination costs questioned"]);
  });

  it("lists each relative once even when a word is in every article of a tiny archive", () => {
    const related = relatedHeadlines([story(1, "Ferry strike Monday"), story(2, "Ferry strike Tuesday"), story(3, "Ferry strike Wednesday")]);
    expect(related.get("Ferry strike Monday")).toEqual(["Ferry strike Tuesday", "Ferry strike Wednesday"]);
    for (const list of related.values()) expect(new Set(list).size).toBe(list.length);
  });

  it("reads the body's first eighty words, not the rest", () => {
    const words = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(" ");
    const withBody = (n: number, headline: string, paragraphs: string[]) =>
      parsed({ file: `articles/b${n}.txt`, date: iso("2019-03-14"), headline, body: paragraphs.map((text) => ({ type: "paragraph" as const, text })) });
    const articles = publish([
      // "zebrafish" is the 71st word, in the second paragraph: inside the lead.
      withBody(1, "Senate hearing adjourned", [words(70, "alpha"), "zebrafish results were published."]),
      withBody(2, "Clinic opens downtown", [`The zebrafish study ${words(10, "beta")}.`]),
      // "okapi" is the 91st word: past the lead, so it relates nothing.
      withBody(3, "Vineyard harvest early", [words(90, "gamma"), "okapi sightings rose."]),
      withBody(4, "Bridge repairs finished", [`The okapi census ${words(10, "delta")}.`]),
      ...filler,
    ]);
    const related = relatedArticles(articles);
    const headlinesOf = (headline: string) => related[articles.findIndex((a) => a.headline === headline)]!.map((j) => articles[j]!.headline);
    expect(headlinesOf("Senate hearing adjourned")).toContain("Clinic opens downtown");
    expect(headlinesOf("Vineyard harvest early")).not.toContain("Bridge repairs finished");
  });

  it("lists five when more qualify", () => {
    const many = Array.from({ length: 9 }, (_, i) => story(i, `Airport runway works phase${i}`));
    const related = relatedHeadlines([...many, ...filler]);
    for (const s of many) expect(related.get(s.headline)).toHaveLength(5);
  });
});
