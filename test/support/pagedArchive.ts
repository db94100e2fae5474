import { articleText, type FixtureArticle } from "./fixtureArchive.js";

/**
 * Enough extra Weather articles from Reuters that the Weather front and the Reuters page hold two
 * pages' worth of 30 (`pageSize` in _data/site.json), so that each has a page of its oldest
 * (`page/1/`) and pagers are written: 55 of them, one a day from 1 January 2019, with the 9
 * Weather and 14 Reuters articles of the fixture table.
 */
export function pagerArticles(count = 55): FixtureArticle[] {
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(2019, 0, 1 + i)).toISOString().slice(0, 10);
    return {
      file: `2019/weather-bulletin-${i + 1}.txt`,
      date,
      section: "WEATHER",
      headline: `Weather bulletin number ${i + 1} for the coast`,
      standfirst: "Forecasters expect a settled week with light winds along the coast",
      paragraphs: [
        "The forecast for the coming days was published this morning, forecasters said, with little change expected before the weekend.",
        "Harbour pilots were advised to check the tide tables, and the bulletin will be updated again tomorrow as usual.",
      ],
      source: "Reuters",
    };
  });
}

/** The extra files for `writeArchive`. */
export function pagerFiles(articles: readonly FixtureArticle[] = pagerArticles()): Record<string, string> {
  return Object.fromEntries(articles.map((a) => [a.file, articleText(a)]));
}
