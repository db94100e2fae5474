import { describe, expect, it } from "vitest";
import { buildArchive } from "../../src/archive/archive.js";
import { DATE_LIST_MAX } from "../../src/archive/dates.js";
import type { ParsedArticle } from "../../src/article/types.js";
import { iso, parsed } from "./helpers.js";

/** `n` articles on one day, in two sections. */
function day(date: string, n: number, from = 0): ParsedArticle[] {
  return Array.from({ length: n }, (_, i) =>
    parsed({ file: `${date}/${from + i}.txt`, date: iso(date), sectionRaw: i % 3 === 0 ? "MARKETS" : "WORLD", headline: `Story ${from + i} of ${date}` }),
  );
}

describe("date pages stay light, whatever the archive", () => {
  const max = DATE_LIST_MAX;
  // One day with two and a half pages' worth, and a month of more than a page.
  const archive = buildArchive([...day("2019-03-14", max * 2 + max / 2), ...day("2019-03-15", 3, 10_000)], { pageSize: 30, siteTitle: "T" });
  const pages = (kind: string, period: string) => archive.datePages.filter((p) => p.kind === kind && p.period === period);

  it("cuts a long day into pages of at most DATE_LIST_MAX, every article once, in order", () => {
    const long = pages("day", "2019-03-14");
    expect(long.map((p) => p.url)).toEqual(["/archive/2019/03/14/", "/archive/2019/03/14/page/2/", "/archive/2019/03/14/page/3/"]);
    const listed = long.flatMap((p) => p.sections.flatMap((g) => g.articles.map((a) => a.url)));
    expect(listed).toHaveLength(max * 2 + max / 2);
    expect(new Set(listed).size).toBe(listed.length);
    for (const p of long) expect(p.sections.reduce((n, g) => n + g.articles.length, 0)).toBeLessThanOrEqual(max);
    expect(long.map((p) => [p.pages?.pageNumber, p.pages?.pageCount, p.pages?.previousUrl, p.pages?.nextUrl])).toEqual([
      [1, 3, null, "/archive/2019/03/14/page/2/"],
      [2, 3, "/archive/2019/03/14/", "/archive/2019/03/14/page/3/"],
      [3, 3, "/archive/2019/03/14/page/2/", null],
    ]);
  });

  it("heads a section cut across two pages on both, with its count for the whole day", () => {
    const [first, second] = pages("day", "2019-03-14");
    const world = (p: typeof first) => p!.sections.find((g) => g.name === "World")!;
    expect(world(first).count).toBe(world(second).count);
    expect(world(first).articles.length + world(second).articles.length).toBeLessThanOrEqual(world(first).count);
  });

  it("gives every page of a long day the day's sections, each leading to the page and the heading where its list begins", () => {
    const long = pages("day", "2019-03-14");
    for (const page of long) {
      const contents = page.pages!.contents;
      expect(contents.map((c) => [c.name, c.count])).toEqual([["World", 166], ["Markets", 84]]);
      for (const item of contents) {
        const [url, anchor] = item.url.split("#");
        const first = long.find((p) => p.sections.some((g) => g.name === item.name))!;
        expect(url, item.name).toBe(first.url);
        expect(first.sections.find((g) => g.name === item.name)!.anchor, item.name).toBe(anchor);
      }
    }
    // Markets begins on the second page, after World's 166.
    expect(long[0]!.pages!.contents[1]!.url).toBe("/archive/2019/03/14/page/2/#section-markets");
  });

  it("lists a short day on one page, as before", () => {
    const short = pages("day", "2019-03-15");
    expect(short).toHaveLength(1);
    expect(short[0]!.pages).toBeNull();
    expect(short[0]!.sections.flatMap((g) => g.articles)).toHaveLength(3);
  });

  it("gives a month of more than a page counts only, with its calendar", () => {
    const [month] = pages("month", "2019-03");
    expect(month!.count).toBe(max * 2 + max / 2 + 3);
    expect(month!.summarised).toBe(true);
    expect(month!.sections.every((g) => g.articles.length === 0 && g.count > 0)).toBe(true);
    expect(month!.calendars).toHaveLength(1);
  });
});

describe("a date page's sections", () => {
  // Three months of news in two sections, 7 a day in one and 2 in the other: fronts of many pages.
  const days = Array.from({ length: 90 }, (_, d) => new Date(Date.UTC(2019, 0, 1 + d)).toISOString().slice(0, 10));
  const parsedArticles = days.flatMap((date, d) =>
    Array.from({ length: 9 }, (_, i) => parsed({ file: `${date}/${i}.txt`, date: iso(date), sectionRaw: i < 7 ? "MARKETS" : "WORLD", headline: `Story ${d * 9 + i}` })),
  );
  const archive = buildArchive(parsedArticles, { pageSize: 30, siteTitle: "T" });

  it("lead to the page of the section's front that lists the period's newest article there, on every page", () => {
    const fronts = new Map(archive.sectionFronts.map((p) => [p.url, p]));
    let checked = 0;
    for (const page of archive.datePages) {
      for (const group of page.sections) {
        const inPeriod = archive.articles.filter((a) => a.date.startsWith(page.period) && a.section === group.name);
        const front = fronts.get(group.url);
        expect(front?.section.name).toBe(group.name);
        expect(front!.items.map((t) => t.url)).toContain(inPeriod[0]!.url);
        checked++;
      }
    }
    // Years, months and days alike, and not all on the fronts' first pages.
    expect(checked).toBe(2 * (1 + 3 + 90));
    expect(new Set(archive.datePages.flatMap((p) => p.sections.map((g) => g.url))).size).toBeGreaterThan(20);
  });
});
