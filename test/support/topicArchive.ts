import type { FixtureArticle } from "./fixtureArchive.js";

/**
 * A small archive written to name people, places and organisations, with the topics each article
 * must be filed under written beside it by hand: tests compare the site with this table.
 */
export interface TopicFixture extends FixtureArticle {
  /** Topic names this article must be listed under (at the default minimum of three articles). */
  readonly topics: readonly string[];
}

export const TOPIC_PAGES: Readonly<Record<string, { readonly slug: string; readonly kind: "person" | "place" | "organisation" }>> = {
  "James Baker": { slug: "james-baker", kind: "person" },
  "Ronald Reagan": { slug: "ronald-reagan", kind: "person" },
  Tokyo: { slug: "tokyo", kind: "place" },
  "United States": { slug: "united-states", kind: "place" },
  "Bank of Japan": { slug: "bank-of-japan", kind: "organisation" },
  Texaco: { slug: "texaco", kind: "organisation" },
};

export function topicArticles(): TopicFixture[] {
  const a = (n: number, date: string, section: string, headline: string, paragraphs: string[], topics: string[]): TopicFixture => ({
    file: `topics/story-${n}.txt`,
    date,
    section,
    headline,
    paragraphs,
    source: "Reuters",
    topics,
  });
  return [
    a(1, "1987-01-05", "MONEY", "Baker sees no change in dollar policy", [
      "Treasury Secretary James Baker said on Monday that United States policy on the dollar had not changed.",
      "Baker told reporters in Washington that talks with Japan would go on, and that the markets were calm.",
    ], ["James Baker", "United States"]),
    a(2, "1987-02-10", "MONEY", "Bank of Japan holds its discount rate", [
      "The Bank of Japan said it would hold its discount rate, officials in Tokyo said on Tuesday.",
      "Traders in Tokyo said the decision had been expected for weeks, and the yen was steady.",
    ], ["Bank of Japan", "Tokyo"]),
    a(3, "1987-03-02", "MONEY", "Baker and Japan discuss the yen", [
      "Treasury Secretary James Baker met Japanese officials in Tokyo, where the Bank of Japan had bought dollars.",
      "The U.S. official said both sides wanted a stable yen, according to people at the meeting.",
    ], ["James Baker", "Tokyo", "Bank of Japan", "United States"]),
    a(4, "1987-03-20", "ENERGY", "Texaco files for court protection", [
      "Texaco Inc said on Friday it had filed for protection from its creditors in a court in New York.",
      "Texaco said the move would let it keep operating while it appealed against the judgment.",
    ], ["Texaco"]),
    a(5, "1987-04-14", "ENERGY", "Texaco and Pennzoil meet again", [
      "Lawyers for Texaco Inc and Pennzoil Co met in Houston on Tuesday, without an agreement.",
      "President Ronald Reagan was asked about the case and said it was for the courts.",
    ], ["Texaco", "Ronald Reagan"]),
    a(6, "1987-05-06", "POLITICS", "Reagan names a new budget chief", [
      "President Ronald Reagan on Wednesday named a new budget director, the White House said.",
      "Lawmakers in the United States are expected to confirm the choice before the summer recess, aides said.",
    ], ["Ronald Reagan", "United States"]),
    a(7, "1987-06-11", "POLITICS", "Reagan to veto the highway bill", [
      "President Reagan said he would veto the highway bill passed by Congress last week.",
      "Reagan's aides said the bill cost too much, and Treasury Secretary James Baker agreed.",
      // Named in full once: the President of the story is not she (mentions.ts, mergeShortForms).
      "Nancy Reagan, who had asked him to sign it, was travelling.",
    ], ["Ronald Reagan", "James Baker"]),
    a(8, "1987-07-01", "ENERGY", "Texaco settles with its banks", [
      "Texaco Inc reached an agreement with its banks on Wednesday, the company said in a statement.",
      "The Bank of Japan was not among the lenders, a spokesman in Tokyo said.",
    ], ["Texaco", "Bank of Japan", "Tokyo"]),
  ];
}
