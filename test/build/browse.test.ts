import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, type BuiltSite } from "../support/buildSite.js";
import { fixtureArticles, writeArchive, type FixtureArticle } from "../support/fixtureArchive.js";
import { checkLinks, formatBroken } from "../support/links.js";
import {
  anchors,
  buildErrors,
  credits,
  elements,
  findArticleUrls,
  htmlText,
  jsonLdBlocks,
  mainOf,
  metaContent,
  newestFirst,
  parseXml,
  periodUrl,
  sectionDisplayName,
  sectionSlug,
  servedAt,
  siteFiles,
  siteJson,
  sourceSlug,
  tags,
  xmlText,
  type Anchor,
} from "../support/siteFiles.js";

/**
 * Browsing the archive (date, source, section and article pages), its feeds, sitemap and links,
 * over the fixture archive and four more articles. Every expectation is derived from this table.
 */

const MARKUP_HEADLINE = "Storm warning </script><script>alert(1)</script> for AT&amp;T & harbour <b>crews</b>";
const QUOTE_HEADLINE = `Harbour master's "last word" on the < 5 knot rule`;

const prose = (topic: string): string[] => [
  `The ${topic} dominated the week, officials said, as residents asked for clearer answers about what would happen next.`,
  `A spokesperson said the ${topic} would be reviewed again next month and that the minutes would be published in full.`,
  `Further meetings are planned, and a written report on the ${topic} is expected before the end of the season.`,
];

/** Added so that 1 May falls in four years (on this day), May 2016 has two days, and headlines hold markup. */
const EXTRAS: FixtureArticle[] = [
  { file: "extra/may-2016.txt", date: "2016-05-01", section: "CITY COUNCIL", headline: "Council opens its May session with a tramline vote", paragraphs: prose("tramline vote"), source: "Reuters, AFP" },
  { file: "extra/harbour-master.txt", date: "2016-05-20", section: "HARBOUR NEWS", headline: QUOTE_HEADLINE, paragraphs: prose("speed limit"), source: "Bloomberg" },
  { file: "extra/may-2017.txt", date: "2017-05-01", section: "US ELECTIONS", headline: "Turnout questions before the May ballot", paragraphs: prose("ballot timetable"), source: "Staff Writer" },
  { file: "extra/storm.txt", date: "2018-05-01", section: "WEATHER", headline: MARKUP_HEADLINE, paragraphs: prose("storm warning"), source: "AFP" },
  // A section of one article: its span of dates is one day.
  // Its dateline holds a date, as wire copy's do.
  { file: "extra/lighthouse.txt", date: "2016-07-14", section: "LIGHTHOUSES", headline: "The old lighthouse is lit again after forty years", dateline: "NEW YORK, July 14", paragraphs: prose("lighthouse"), source: "Reuters" },
];

const articles: FixtureArticle[] = [...fixtureArticles(), ...EXTRAS];
const FEED_ENTRIES = 20;

let site: BuiltSite;
let siteUrl: string;
let sectionNames: Readonly<Record<string, string>>;
/** Each article's page, found by its headline under its section and day. */
let urlOf: Map<FixtureArticle, string>;
let articleAt: Map<string, FixtureArticle>;
let files: string[];

beforeAll(async () => {
  // Absolute URLs come from `url` in _data/site.json, at the site root: no override from the environment.
  site = await buildSite(await writeArchive(articles), { env: { BROADSHEET_URL: "", BROADSHEET_PATH_PREFIX: "/" } });
  expect(buildErrors(site.stderr)).toBe("");
  expect(site.code).toBe(0);
  const settings = await siteJson();
  siteUrl = settings.url.replace(/\/+$/u, "");
  sectionNames = settings.sectionNames ?? {};
  urlOf = await findArticleUrls(site.output, articles);
  articleAt = new Map([...urlOf].map(([a, url]) => [url, a]));
  files = await siteFiles(site.output);
});

// ---------------------------------------------------------------- what the table says

const url = (a: FixtureArticle): string => urlOf.get(a)!;
const absolute = (sitePath: string): string => `${siteUrl}${sitePath}`;
const displayName = (section: string): string => sectionDisplayName(section, sectionNames);
const headlines = (list: readonly FixtureArticle[]): string[] => list.map((a) => a.headline).sort();

/** `2017`, `2017-04`, `2017-04-12`: the periods of each kind that have articles, oldest first. */
function periods(kind: "year" | "month" | "day"): string[] {
  const length = { year: 4, month: 7, day: 10 }[kind];
  return [...new Set(articles.map((a) => a.date.slice(0, length)))].sort();
}
const inPeriod = (period: string): FixtureArticle[] => articles.filter((a) => a.date.startsWith(period));

/** The newest `n` articles, failing if the cut falls between two articles of the same day (then "the newest n" is not one set). */
function newest(list: readonly FixtureArticle[], n: number): FixtureArticle[] {
  const sorted = newestFirst(list);
  if (sorted.length > n) expect(sorted[n - 1]!.date, "the fixture puts a day boundary at the feed's cut").not.toBe(sorted[n]!.date);
  return sorted.slice(0, n);
}

// ---------------------------------------------------------------- what the page says

/** The articles a piece of HTML links to, each link's text checked to be that article's headline. */
function linkedArticles(html: string): FixtureArticle[] {
  return anchors(html)
    .filter((a) => articleAt.has(a.href))
    .map((link) => {
      const article = articleAt.get(link.href)!;
      expect(link.text, `link text of ${link.href}`).toBe(article.headline);
      return article;
    });
}

/** A page's `<h2>` headings, each with the HTML that follows it up to the next `<h2>`. */
function headingGroups(html: string): { heading: string; headingLinks: Anchor[]; body: string }[] {
  return html
    .split(/(?=<h2[\s>])/u)
    .slice(1)
    .map((chunk) => {
      const h2 = elements(chunk, "h2")[0] ?? "";
      return { heading: htmlText(h2), headingLinks: anchors(h2), body: chunk.slice(h2.length) };
    });
}

/** The distinct targets of a page's `rel` links (`prev`, `next`). */
const relLinks = (html: string, rel: string): string[] => [...new Set(anchors(html).filter((a) => a.attrs.rel?.split(/\s+/u).includes(rel)).map((a) => a.href))];

// ---------------------------------------------------------------- date pages

describe("date pages", () => {
  it("has a page for every year, month and day with articles, and none for any other period", () => {
    const expected = [...periods("year"), ...periods("month"), ...periods("day")].map(periodUrl).sort();
    const written = files.filter((f) => /^\/archive\/\d{4}\//u.test(f)).map(servedAt).sort();
    expect(written).toEqual(expected);
    // The fixture has empty months between months with articles: they must have no page.
    expect(expected).not.toContain("/archive/2015/02/");
  });

  it("names a day in its heading as every page writes that date", async () => {
    for (const day of periods("day")) {
      const heading = htmlText(elements(mainOf(await site.page(periodUrl(day))), "h1")[0] ?? "");
      // The article's breadcrumbs give its day as a dated link.
      const article = inPeriod(day)[0]!;
      const page = await site.page(url(article));
      const time = new RegExp(`<time datetime="${day}">([^<]+)</time>`, "u").exec(page)?.[1];
      expect(time, `a dated link to ${day} on ${url(article)}`).toBeDefined();
      expect(heading, day).toBe(time);
    }
  });

  it("lists exactly a day's articles, each under its section's heading", async () => {
    for (const day of periods("day")) {
      const main = mainOf(await site.page(periodUrl(day)));
      expect(headlines(linkedArticles(main)), day).toEqual(headlines(inPeriod(day)));
      expectGroupedBySection(main, inPeriod(day), day);
    }
  });

  it("lists exactly a month's articles, each under its section's heading", async () => {
    for (const month of periods("month")) {
      const main = mainOf(await site.page(periodUrl(month)));
      expect(headlines(linkedArticles(main)), month).toEqual(headlines(inPeriod(month)));
      expectGroupedBySection(main, inPeriod(month), month);
    }
  });

  it("shows on a year page how many articles each section has that year, leading to the newest of them", async () => {
    for (const year of periods("year")) {
      const main = mainOf(await site.page(periodUrl(year)));
      const expected = new Map<string, number>();
      for (const a of inPeriod(year)) expected.set(displayName(a.section), (expected.get(displayName(a.section)) ?? 0) + 1);
      const shown = new Map<string, number>();
      const list = elements(main, "ul", 'class="section-counts"');
      expect(list, year).toHaveLength(1);
      for (const item of elements(list[0]!, "li")) {
        const [link] = anchors(item);
        const count = /(\d[\d,]*)\s*articles?$/u.exec(htmlText(item))?.[1];
        expect(count, `count in "${htmlText(item)}" on ${year}`).toBeDefined();
        shown.set(link!.text, Number(count!.replace(/,/gu, "")));
        // The section's page that lists its newest article of the year.
        const newestThere = newestFirst(inPeriod(year).filter((a) => displayName(a.section) === link!.text))[0]!;
        expect(anchors(mainOf(await site.page(link!.href))).map((a) => a.href), `${link!.href} from ${year}`).toContain(url(newestThere));
      }
      expect(shown, year).toEqual(expected);
    }
  });

  it("links the previous and next month that have articles, skipping empty months", async () => {
    const months = periods("month");
    // The fixture skips months (January to May 2015): the links must jump the gap.
    expect(months.slice(0, 2)).toEqual(["2015-01", "2015-05"]);
    for (const [i, month] of months.entries()) {
      const main = mainOf(await site.page(periodUrl(month)));
      expect(relLinks(main, "prev"), `previous of ${month}`).toEqual(i > 0 ? [periodUrl(months[i - 1]!)] : []);
      expect(relLinks(main, "next"), `next of ${month}`).toEqual(i < months.length - 1 ? [periodUrl(months[i + 1]!)] : []);
    }
  });

  it("links the previous and next year and day that have articles", async () => {
    for (const kind of ["year", "day"] as const) {
      const list = periods(kind);
      for (const [i, period] of list.entries()) {
        const main = mainOf(await site.page(periodUrl(period)));
        expect(relLinks(main, "prev"), `previous of ${period}`).toEqual(i > 0 ? [periodUrl(list[i - 1]!)] : []);
        expect(relLinks(main, "next"), `next of ${period}`).toEqual(i < list.length - 1 ? [periodUrl(list[i + 1]!)] : []);
      }
    }
  });

  it("links exactly the days with articles in a month page's calendar", async () => {
    // May 2016 has two days with articles.
    expect(periods("day").filter((d) => d.startsWith("2016-05"))).toEqual(["2016-05-01", "2016-05-20"]);
    for (const month of periods("month")) {
      const calendars = elements(mainOf(await site.page(periodUrl(month))), "table", 'class="calendar"');
      expect(calendars, month).toHaveLength(1);
      const links = anchors(calendars[0]!);
      const days = periods("day").filter((d) => d.startsWith(`${month}-`));
      expect(links.map((l) => l.href).sort(), month).toEqual(days.map(periodUrl));
      expect(links.map((l) => l.text).sort(), month).toEqual(days.map((d) => String(Number(d.slice(8)))).sort());
    }
  });

  it("links from a year page's calendars exactly the months and days with articles", async () => {
    for (const year of periods("year")) {
      const links = elements(mainOf(await site.page(periodUrl(year))), "table", 'class="calendar"').flatMap((t) => anchors(t).map((a) => a.href));
      const expected = [...periods("month"), ...periods("day")].filter((p) => p.startsWith(`${year}-`)).map(periodUrl);
      expect(links.sort(), year).toEqual(expected.sort());
    }
  });

  it("links a day to the same day of the month in other years, when the archive has it", async () => {
    // 1 May has articles in all four years.
    expect(periods("day").filter((d) => d.endsWith("-05-01"))).toEqual(["2015-05-01", "2016-05-01", "2017-05-01", "2018-05-01"]);
    for (const day of periods("day")) {
      const others = periods("day").filter((d) => d !== day && d.slice(5) === day.slice(5));
      const main = mainOf(await site.page(periodUrl(day)));
      const group = headingGroups(main).find((g) => /^on this day$/iu.test(g.heading));
      if (others.length === 0) {
        expect(group, `no "On this day" on ${day}`).toBeUndefined();
        continue;
      }
      expect(group, `"On this day" on ${day}`).toBeDefined();
      expect(anchors(group!.body).map((a) => a.href).sort(), day).toEqual(others.map(periodUrl));
    }
  });

  it("lists every year with its count on the archive index", async () => {
    const main = mainOf(await site.page("/archive/"));
    for (const year of periods("year")) {
      const link = anchors(main).find((a) => a.href === periodUrl(year));
      expect(link?.text, year).toBe(year);
      const after = htmlText(main.slice(link!.index).split(/<\/li>/u)[0]!);
      expect(after, year).toMatch(new RegExp(`^${year}\\s+${inPeriod(year).length}\\b`, "u"));
    }
  });

  it("lists under each year its months that have articles, by name, each linking its month page with its count", async () => {
    const main = mainOf(await site.page("/archive/"));
    const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    for (const year of periods("year")) {
      const months = periods("month").filter((m) => m.startsWith(`${year}-`));
      // The year's own item: from its link to the end of its list of months.
      const start = anchors(main).find((a) => a.href === periodUrl(year))!.index;
      const list = main.slice(main.indexOf('<ul class="month-list">', start), main.indexOf("</ul>", start));
      const links = anchors(list);
      // Oldest first, as a calendar reads; the months with no article left out.
      expect(links.map((a) => a.href), year).toEqual(months.map(periodUrl));
      for (const [i, month] of months.entries()) {
        const name = MONTH_NAMES[Number(month.slice(5)) - 1]!;
        expect(links[i]!.text, month).toBe(name);
        const after = htmlText(list.slice(links[i]!.index).split(/<\/li>/u)[0]!);
        expect(after, month).toMatch(new RegExp(`^${name}\\s+${inPeriod(month).length} articles?$`, "u"));
      }
    }
  });
});

/** The raw section name whose display name is `name`. */
function sectionOf(name: string): string {
  const raw = [...new Set(articles.map((a) => a.section))].find((s) => displayName(s) === name);
  if (raw === undefined) throw new Error(`no fixture section shown as "${name}"`);
  return raw;
}

/** Each of the period's sections has one heading, linking its front, followed by exactly its articles. */
function expectGroupedBySection(main: string, expected: readonly FixtureArticle[], period: string): void {
  const groups = headingGroups(main)
    .map((g) => ({ ...g, listed: linkedArticles(g.body) }))
    .filter((g) => g.listed.length > 0);
  const shown = new Map<string, string[]>();
  for (const g of groups) {
    const sectionLink = g.headingLinks[0];
    expect(sectionLink, `a section link in heading "${g.heading}" on ${period}`).toBeDefined();
    expect(shown.has(sectionLink!.text), `one heading for ${sectionLink!.text} on ${period}`).toBe(false);
    expect(sectionLink!.href).toBe(`/${sectionSlug(sectionOf(sectionLink!.text))}/`);
    shown.set(sectionLink!.text, headlines(g.listed));
  }
  const bySection = new Map<string, string[]>();
  for (const section of new Set(expected.map((a) => a.section))) {
    bySection.set(displayName(section), headlines(expected.filter((a) => a.section === section)));
  }
  expect(shown, period).toEqual(bySection);
}

// ---------------------------------------------------------------- sources

describe("section fronts", () => {
  it("give a span of dates, or its one day when every article is of that day", async () => {
    for (const section of new Set(articles.map((a) => a.section))) {
      const days = new Set(articles.filter((a) => a.section === section).map((a) => a.date));
      const meta = /<p class="front-meta">([^]*?)<\/p>/u.exec(mainOf(await site.page(`/${sectionSlug(section)}/`)))?.[1] ?? "";
      const times = [...meta.matchAll(/<time datetime="([^"]+)">/gu)].map((m) => m[1]);
      const sorted = [...days].sort();
      expect(times, section).toEqual(days.size === 1 ? sorted : [sorted[0], sorted.at(-1)]);
      expect(htmlText(meta).includes(" to "), section).toBe(days.size > 1);
    }
  });

  it("lead from the first page to each month of the section, newest first, on the page that lists its newest article", async () => {
    let checked = 0;
    for (const section of new Set(articles.map((a) => a.section))) {
      const inSection = newestFirst(articles.filter((a) => a.section === section));
      const months = [...new Set(inSection.map((a) => a.date.slice(0, 7)))];
      const main = mainOf(await site.page(`/${sectionSlug(section)}/`));
      const jump = /<details class="month-jump">([\s\S]*?)<\/details>/u.exec(main)?.[1];
      if (months.length < 2) {
        expect(jump, section).toBeUndefined();
        continue;
      }
      const links = anchors(jump ?? "");
      expect(links.map((a) => a.text), section).toEqual(months.map((m) => new Date(`${m}-01T00:00:00Z`).toLocaleString("en", { month: "long", year: "numeric", timeZone: "UTC" })));
      for (const [i, month] of months.entries()) {
        const newestOfMonth = inSection.find((a) => a.date.startsWith(month))!;
        expect(headlines(linkedArticles(mainOf(await site.page(links[i]!.href)))), month).toContain(newestOfMonth.headline);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe("source pages", () => {
  const SOURCES = ["Bloomberg", "Reuters", "AFP", "Staff Writer"];

  it("credits an article with two sources under both", () => {
    expect(articles.filter((a) => a.source === "Reuters, AFP").length).toBeGreaterThan(0);
    expect(new Set(articles.flatMap(credits))).toEqual(new Set(SOURCES));
  });

  it("lists exactly the articles credited to each source, newest first", async () => {
    for (const name of SOURCES) {
      const html = await site.page(`/source/${sourceSlug(name)}/`);
      const main = mainOf(html);
      expect(htmlText(elements(main, "h1")[0] ?? "")).toBe(name);
      const listed = linkedArticles(main);
      const credited = articles.filter((a) => credits(a).includes(name));
      expect(headlines(listed), name).toEqual(headlines(credited));
      const dates = listed.map((a) => a.date);
      expect(dates, `${name} newest first`).toEqual([...dates].sort().reverse());
    }
  });

  it("give their count and span of dates, as a section front does", async () => {
    for (const name of SOURCES) {
      const credited = articles.filter((a) => credits(a).includes(name));
      const meta = /<p class="front-meta">([^]*?)<\/p>/u.exec(mainOf(await site.page(`/source/${sourceSlug(name)}/`)))?.[1] ?? "";
      const days = [...new Set(credited.map((a) => a.date))].sort();
      expect([...meta.matchAll(/<time datetime="([^"]+)">/gu)].map((m) => m[1]), name).toEqual(days.length === 1 ? days : [days[0], days.at(-1)]);
      expect(htmlText(meta), name).toMatch(new RegExp(`^${credited.length} articles?, `, "u"));
    }
  });

  it("lists every source with its count on the sources index", async () => {
    const main = mainOf(await site.page("/source/"));
    const rows = elements(main, "tr").filter((tr) => anchors(tr).length > 0);
    expect(rows).toHaveLength(SOURCES.length);
    for (const name of SOURCES) {
      const row = rows.find((tr) => anchors(tr).some((a) => a.href === `/source/${sourceSlug(name)}/` && a.text === name));
      expect(row, name).toBeDefined();
      const count = articles.filter((a) => credits(a).includes(name)).length;
      const cells = [...row!.matchAll(/<t[hd]\b[\s\S]*?<\/t[hd]>/giu)].map((m) => htmlText(m[0]));
      expect(cells, name).toEqual([name, String(count)]);
    }
  });
});

// ---------------------------------------------------------------- article pages

describe("article pages", () => {
  const pageOf = (a: FixtureArticle): Promise<string> => site.page(url(a));

  it("links the previous and next article of the same section by date", async () => {
    for (const section of new Set(articles.map((a) => a.section))) {
      const oldestFirst = newestFirst(articles.filter((a) => a.section === section)).reverse();
      expect(new Set(oldestFirst.map((a) => a.date)).size, `${section}: one article a day, so neighbours are unambiguous`).toBe(oldestFirst.length);
      for (const [i, a] of oldestFirst.entries()) {
        const main = mainOf(await pageOf(a));
        const older = oldestFirst[i - 1];
        const newer = oldestFirst[i + 1];
        expect(relLinks(main, "prev"), `previous of ${a.file}`).toEqual(older ? [url(older)] : []);
        expect(relLinks(main, "next"), `next of ${a.file}`).toEqual(newer ? [url(newer)] : []);
      }
    }
  });

  it("shows breadcrumbs from home to the section to the day", async () => {
    for (const a of articles) {
      const html = await pageOf(a);
      const nav = elements(html, "nav").find((n) => /aria-label="breadcrumbs?"/iu.test(n));
      expect(nav, a.file).toBeDefined();
      const trail = anchors(nav!).map((l) => l.href);
      expect(trail, a.file).toEqual(["/", `/${sectionSlug(a.section)}/`, periodUrl(a.date)]);
      expect(anchors(nav!)[1]!.text).toBe(displayName(a.section));
    }
  });

  it("lists related articles, never the article itself", async () => {
    for (const a of articles) {
      const main = mainOf(await pageOf(a));
      const related = headingGroups(main).find((g) => /^related/iu.test(g.heading));
      expect(related, `related articles on ${a.file}`).toBeDefined();
      const links = anchors(related!.body).filter((l) => !l.href.startsWith("#"));
      expect(links.length, a.file).toBeGreaterThan(0);
      for (const link of links) expect(articleAt.has(link.href), `${link.href} is an article`).toBe(true);
      expect(links.map((l) => l.href), a.file).not.toContain(url(a));
      linkedArticles(related!.body); // each link shows its article's headline
    }
  });

  it("has a canonical link, Open Graph title and URL, and a Twitter card", async () => {
    for (const a of articles) {
      const html = await pageOf(a);
      const canonical = tags(html, "link").filter((l) => l.rel === "canonical");
      expect(canonical.map((l) => l.href), a.file).toEqual([absolute(url(a))]);
      expect(metaContent(html, "og:title"), a.file).toBe(a.headline);
      expect(metaContent(html, "og:url"), a.file).toBe(absolute(url(a)));
      expect(metaContent(html, "twitter:card"), a.file).toMatch(/^summary/u);
    }
  });

  it("describes the article as schema.org NewsArticle JSON-LD", async () => {
    for (const a of articles) {
      const blocks = jsonLdBlocks(await pageOf(a));
      expect(blocks, a.file).toHaveLength(1);
      const ld = JSON.parse(blocks[0]!) as Record<string, unknown>;
      expect(ld["@context"]).toMatch(/^https?:\/\/schema\.org\/?$/u);
      expect(ld["@type"]).toBe("NewsArticle");
      expect(ld.headline).toBe(a.headline);
      expect(String(ld.datePublished).slice(0, 10), a.file).toBe(a.date);
      expect(ld.articleSection).toBe(displayName(a.section));
      const authors = [ld.author].flat() as { name?: string; url?: string }[];
      expect(authors.map((x) => x.name).sort(), a.file).toEqual(credits(a).sort());
      // What Google's NewsArticle documentation recommends: times with a zone, a modification
      // date, an image, the publisher's logo, each author's page.
      expect(ld.datePublished, a.file).toMatch(new RegExp(`^${a.date}T\\d{2}:\\d{2}(:\\d{2})?(Z|[+-]\\d{2}:\\d{2})$`, "u"));
      expect(ld.dateModified, a.file).toMatch(/^\d{4}-\d{2}-\d{2}T/u);
      const images = [ld.image].flat() as string[];
      expect(images.length, a.file).toBeGreaterThan(0);
      for (const image of images) expect(image).toMatch(/^https?:\/\/[^/]+\/.+\.(png|jpe?g|webp|gif)$/u);
      const logo = (ld.publisher as { logo?: { url?: string } }).logo?.url;
      expect(logo, a.file).toMatch(/^https?:\/\/[^/]+\/.+\.(png|jpe?g|webp|gif|svg)$/u);
      for (const author of authors) if (credits(a).length > 0) expect(author.url, a.file).toBe(absolute(`/source/${sourceSlug(author.name!)}/`));
      if (a.dateline) {
        const place = ld.locationCreated as { name?: string };
        expect(place.name, a.file).toBe(a.dateline.split(",")[0]);
      }
    }
    // The image and the logo are there to be fetched.
    const first = JSON.parse(jsonLdBlocks(await pageOf(articles[0]!))[0]!) as { image: string[]; publisher: { logo: { url: string } } };
    for (const link of [...first.image, first.publisher.logo.url]) expect(files, link).toContain(new URL(link).pathname);
  });

  it("names only the place of a dateline as where the article was written, the dateline itself as written", async () => {
    const lighthouse = EXTRAS.find((a) => a.dateline?.includes(","))!;
    const ld = JSON.parse(jsonLdBlocks(await pageOf(lighthouse))[0]!) as { locationCreated?: { name?: string }; dateline?: string };
    expect(ld.locationCreated?.name).toBe("NEW YORK");
    expect(ld.dateline).toBe("NEW YORK, July 14");
  });

  it("keeps a headline holding </script> and &amp; intact in JSON-LD, and never as markup", async () => {
    const storm = EXTRAS.find((a) => a.headline === MARKUP_HEADLINE)!;
    const html = await pageOf(storm);
    const ld = JSON.parse(jsonLdBlocks(html)[0]!) as { headline: string };
    expect(ld.headline).toBe(MARKUP_HEADLINE);
    expect(html.toLowerCase()).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<b>crews</b>");
    expect(htmlText(elements(html, "h1")[0]!)).toBe(MARKUP_HEADLINE);
    expect(metaContent(html, "og:title")).toBe(MARKUP_HEADLINE);
  });
});

// ---------------------------------------------------------------- feeds

interface AtomLink {
  readonly "@href": string;
  readonly "@rel"?: string;
}
interface AtomEntry {
  readonly title: unknown;
  readonly link?: readonly AtomLink[];
  readonly id: unknown;
  readonly updated: unknown;
  readonly published?: unknown;
}
interface AtomFeed {
  readonly "@xmlns": string;
  readonly title: unknown;
  readonly id: unknown;
  readonly updated: unknown;
  readonly link?: readonly AtomLink[];
  readonly entry?: readonly AtomEntry[];
}
interface JsonFeed {
  readonly version: string;
  readonly title: string;
  readonly home_page_url: string;
  readonly feed_url: string;
  readonly items: readonly { id: string; url: string; title: string; content_html: string; date_published: string }[];
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/u;

async function readAtom(sitePath: string): Promise<AtomFeed> {
  const doc = parseXml(await readFile(path.join(site.output, sitePath), "utf8"));
  expect(Object.keys(doc).filter((k) => !k.startsWith("?")), `${sitePath} root`).toEqual(["feed"]);
  return doc.feed as AtomFeed;
}

async function readJsonFeed(sitePath: string): Promise<JsonFeed> {
  return JSON.parse(await readFile(path.join(site.output, sitePath), "utf8")) as JsonFeed;
}

/** An Atom feed holds exactly `expected`, newest first, each entry complete. */
function expectAtomEntries(feed: AtomFeed, expected: readonly FixtureArticle[], label: string): void {
  const entries = feed.entry ?? [];
  expect(entries.map((e) => xmlText(e.title)).sort(), label).toEqual(headlines(expected));
  const byTitle = new Map(expected.map((a) => [a.headline, a]));
  const dates: string[] = [];
  for (const entry of entries) {
    const a = byTitle.get(xmlText(entry.title))!;
    const alternate = (entry.link ?? []).filter((l) => (l["@rel"] ?? "alternate") === "alternate");
    expect(alternate.map((l) => l["@href"]), a.file).toEqual([absolute(url(a))]);
    expect(xmlText(entry.id), a.file).not.toBe("");
    expect(xmlText(entry.updated), a.file).toMatch(RFC3339);
    expect(xmlText(entry.published ?? entry.updated).slice(0, 10), a.file).toBe(a.date);
    dates.push(a.date);
  }
  expect(new Set(entries.map((e) => xmlText(e.id))).size, `${label}: unique ids`).toBe(entries.length);
  expect(dates, `${label} newest first`).toEqual([...dates].sort().reverse());
}

function expectJsonItems(feed: JsonFeed, expected: readonly FixtureArticle[], label: string): void {
  expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
  expect(feed.items.map((i) => i.title).sort(), label).toEqual(headlines(expected));
  const byTitle = new Map(expected.map((a) => [a.headline, a]));
  for (const item of feed.items) {
    const a = byTitle.get(item.title)!;
    expect(item.url, a.file).toBe(absolute(url(a)));
    expect(item.id, a.file).toBeTruthy();
    expect(item.content_html, a.file).toContain(a.paragraphs[2]);
    expect(item.date_published, a.file).toMatch(RFC3339);
    expect(item.date_published.slice(0, 10), a.file).toBe(a.date);
  }
  const dates = feed.items.map((i) => i.date_published);
  expect(dates, `${label} newest first`).toEqual([...dates].sort().reverse());
}

describe("feeds", () => {
  it("publishes the 20 newest articles as an Atom feed for the whole site", async () => {
    const feed = await readAtom("/feed.xml");
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(xmlText(feed.title)).not.toBe("");
    expect(xmlText(feed.id)).not.toBe("");
    expect(xmlText(feed.updated)).toMatch(RFC3339);
    expect((feed.link ?? []).filter((l) => l["@rel"] === "self").map((l) => l["@href"])).toEqual([absolute("/feed.xml")]);
    expect(feed.entry).toHaveLength(FEED_ENTRIES);
    expectAtomEntries(feed, newest(articles, FEED_ENTRIES), "/feed.xml");
  });

  it("publishes each section's newest articles as an Atom feed", async () => {
    for (const section of new Set(articles.map((a) => a.section))) {
      const feedPath = `/${sectionSlug(section)}/feed.xml`;
      const feed = await readAtom(feedPath);
      expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
      expect((feed.link ?? []).filter((l) => l["@rel"] === "self").map((l) => l["@href"])).toEqual([absolute(feedPath)]);
      expectAtomEntries(feed, newest(articles.filter((a) => a.section === section), FEED_ENTRIES), feedPath);
    }
  });

  it("publishes the same articles as JSON Feeds, for the site and each section", async () => {
    const siteFeed = await readJsonFeed("/feed.json");
    expect(siteFeed.feed_url).toBe(absolute("/feed.json"));
    expect(siteFeed.items).toHaveLength(FEED_ENTRIES);
    expectJsonItems(siteFeed, newest(articles, FEED_ENTRIES), "/feed.json");
    for (const section of new Set(articles.map((a) => a.section))) {
      const feedPath = `/${sectionSlug(section)}/feed.json`;
      const feed = await readJsonFeed(feedPath);
      expect(feed.feed_url).toBe(absolute(feedPath));
      expect(feed.home_page_url).toBe(absolute(`/${sectionSlug(section)}/`));
      expectJsonItems(feed, newest(articles.filter((a) => a.section === section), FEED_ENTRIES), feedPath);
    }
  });

  it("carries headlines with <, & and quotes through both feeds exactly", async () => {
    for (const a of EXTRAS.filter((x) => x.headline === MARKUP_HEADLINE || x.headline === QUOTE_HEADLINE)) {
      const slug = sectionSlug(a.section);
      const atom = await readAtom(`/${slug}/feed.xml`);
      expect((atom.entry ?? []).map((e) => xmlText(e.title))).toContain(a.headline);
      const json = await readJsonFeed(`/${slug}/feed.json`);
      expect(json.items.map((i) => i.title)).toContain(a.headline);
    }
    // The markup headline is among the newest, so the site's feeds carry it too.
    expect((await readJsonFeed("/feed.json")).items.map((i) => i.title)).toContain(MARKUP_HEADLINE);
    expect(((await readAtom("/feed.xml")).entry ?? []).map((e) => xmlText(e.title))).toContain(MARKUP_HEADLINE);
  });

  it("advertises the site's feeds on every page, and a section's on its front and its articles", async () => {
    const alternates = (html: string, type: string): string[] => tags(html, "link").filter((l) => l.rel === "alternate" && l.type === type).flatMap((l) => l.href ?? []);
    for (const file of files.filter((f) => f.endsWith(".html"))) {
      const html = await site.page(file);
      expect(alternates(html, "application/atom+xml"), file).toContain("/feed.xml");
      expect(alternates(html, "application/feed+json"), file).toContain("/feed.json");
    }
    for (const section of new Set(articles.map((a) => a.section))) {
      const slug = sectionSlug(section);
      const pages = [`/${slug}/`, ...articles.filter((a) => a.section === section).map(url)];
      for (const page of pages) {
        const html = await site.page(page);
        expect(alternates(html, "application/atom+xml"), page).toContain(`/${slug}/feed.xml`);
        expect(alternates(html, "application/feed+json"), page).toContain(`/${slug}/feed.json`);
      }
    }
  });
});

// ---------------------------------------------------------------- sitemap, robots, 404

describe("sitemap and robots.txt", () => {
  it("lists every article's absolute URL exactly once, and only pages that exist", async () => {
    const doc = parseXml(await readFile(path.join(site.output, "sitemap.xml"), "utf8"));
    const urlset = doc.urlset as { "@xmlns": string; url: { loc: unknown }[] };
    expect(urlset["@xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    const locs = urlset.url.map((u) => xmlText(u.loc));
    for (const a of articles) expect(locs.filter((l) => l === absolute(url(a))), a.file).toHaveLength(1);
    expect(new Set(locs).size, "no URL twice").toBe(locs.length);
    const pages = new Set(files.map(servedAt));
    const missing = locs.filter((l) => !l.startsWith(`${siteUrl}/`) || !pages.has(l.slice(siteUrl.length)));
    expect(missing, "sitemap URLs with no page").toEqual([]);
    // Date pages are browsable pages: listed too.
    for (const period of [...periods("year"), ...periods("month"), ...periods("day")]) expect(locs).toContain(absolute(periodUrl(period)));
  });

  it("points robots.txt at the sitemap", async () => {
    const robots = await readFile(path.join(site.output, "robots.txt"), "utf8");
    expect(robots).toMatch(new RegExp(`^Sitemap: ${absolute("/sitemap.xml").replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}$`, "mu"));
  });
});

describe("the 404 page", () => {
  it("is a real page of the site, with its masthead and a link home", async () => {
    const html = await site.page("/404.html");
    const { title } = await siteJson();
    expect(html).toMatch(/^<!doctype html>/iu);
    const masthead = elements(html, "header").find((h) => h.includes("masthead"));
    expect(masthead, "masthead").toBeDefined();
    expect(anchors(masthead!).some((a) => a.href === "/" && a.text === title)).toBe(true);
    expect(tags(html, "link").some((l) => l.rel === "stylesheet")).toBe(true);
    const main = mainOf(html);
    expect(htmlText(elements(main, "h1")[0] ?? "")).toMatch(/not found/iu);
    expect(anchors(main).some((a) => a.href === "/"), "a link home in the page's text").toBe(true);
  });
});

describe("links", () => {
  it("leads every internal link of every page to a written file", async () => {
    const report = await checkLinks(site.output, { prefix: "/", siteUrl });
    expect(report.pages).toBeGreaterThan(articles.length);
    expect(report.checked).toBeGreaterThan(report.pages);
    expect(report.broken, formatBroken(report.broken)).toEqual([]);
  });
});
