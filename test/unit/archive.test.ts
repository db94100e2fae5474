import { describe, expect, it } from "vitest";
import { buildArchive } from "../../src/archive/archive.js";
import type { ParsedArticle } from "../../src/article/types.js";
import { iso, parsed } from "./helpers.js";

/** 25 stories, one a day from 1 to 25 March: odd days WORLD (13), even days BUSINESS (12). */
function month(): ParsedArticle[] {
  return Array.from({ length: 25 }, (_, i) => {
    const d = i + 1;
    return parsed({
      file: `articles/${String(d).padStart(2, "0")}.txt`,
      date: iso(`2019-03-${String(d).padStart(2, "0")}`),
      sectionRaw: d % 2 === 1 ? "WORLD" : "BUSINESS",
      headline: `Story of ${d} March`,
    });
  });
}

describe("buildArchive", () => {
  it("lists every article, newest first", () => {
    const archive = buildArchive(month(), { pageSize: 10, siteTitle: "Test Gazette" });
    expect(archive.articles).toHaveLength(25);
    expect(archive.articles[0]!.date).toBe("2019-03-25");
    expect(archive.articles[24]!.date).toBe("2019-03-01");
    const dates = archive.articles.map((a) => a.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it("leads the home page with the newest day's story and lists the twenty before it", () => {
    const archive = buildArchive(month(), { pageSize: 10, siteTitle: "Test Gazette" });
    expect(archive.home.lead?.date).toBe("2019-03-25");
    expect(archive.home.latest).toHaveLength(20);
    expect(archive.home.latest[0]!.date).toBe("2019-03-24");
    expect(archive.home.latest[19]!.date).toBe("2019-03-05");
  });

  it("puts every article on the home page when there are fewer than twenty", () => {
    const archive = buildArchive(month().slice(0, 4), { pageSize: 10, siteTitle: "Test Gazette" });
    expect(archive.home.lead).not.toBeNull();
    expect(archive.home.latest).toHaveLength(3);
  });

  it("lists sections largest first", () => {
    const archive = buildArchive(month(), { pageSize: 10, siteTitle: "Test Gazette" });
    expect(archive.sections.map((s) => [s.name, s.count])).toEqual([
      ["World", 13],
      ["Business", 12],
    ]);
  });

  it("paginates section fronts by the page size, older pages counted from the oldest", () => {
    // World 13 and Business 12 in pages of 5: a page of the five oldest each, the rest on the front.
    const archive = buildArchive(month(), { pageSize: 5, siteTitle: "Test Gazette" });
    expect(archive.sectionFronts.map((f) => [f.url, f.items.length])).toEqual([
      ["/world/", 8],
      ["/world/page/1/", 5],
      ["/business/", 7],
      ["/business/page/1/", 5],
    ]);
  });

  it("uses section name overrides", () => {
    const archive = buildArchive([parsed({ file: "a.txt", sectionRaw: "US ELECTIONS" })], {
      pageSize: 10, siteTitle: "Test Gazette",
      sectionNames: { "US ELECTIONS": "US Elections" },
    });
    expect(archive.sections[0]!.name).toBe("US Elections");
    expect(archive.articles[0]!.section).toBe("US Elections");
  });

  it("keeps colliding articles with distinct URLs", () => {
    const archive = buildArchive(
      [parsed({ file: "b.txt", headline: "Ferry delayed" }), parsed({ file: "a.txt", headline: "Ferry delayed" })],
      { pageSize: 10, siteTitle: "Test Gazette" },
    );
    expect(archive.articles.map((a) => [a.file, a.url]).sort()).toEqual([
      ["a.txt", "/malta-news/2019/03/14/ferry-delayed/"],
      ["b.txt", "/malta-news/2019/03/14/ferry-delayed-2/"],
    ]);
  });

  it("lists articles of the same day in the same order whatever the input order", () => {
    const sameDay = ["Alpha story", "Bravo story", "Charlie story"].map((headline, i) => parsed({ file: `${i}.txt`, headline }));
    const forward = buildArchive(sameDay, { pageSize: 10, siteTitle: "Test Gazette" }).articles.map((a) => a.file);
    const backward = buildArchive([...sameDay].reverse(), { pageSize: 10, siteTitle: "Test Gazette" }).articles.map((a) => a.file);
    expect(backward).toEqual(forward);
  });

  it("shares one teaser per article between every page that lists it", () => {
    const archive = buildArchive(month(), { pageSize: 10, siteTitle: "Test Gazette" });
    const onFront = archive.sectionFronts[0]!.items[1]!;
    const onDay = archive.datePages.find((p) => p.period === onFront.date)!.sections[0]!.articles[0]!;
    const onPage = archive.articlePages.find((p) => p.older?.url === onFront.url)!.older;
    expect(onDay).toBe(onFront);
    expect(onPage).toBe(onFront);
  });

  it("builds an empty archive from no articles", () => {
    const archive = buildArchive([], { pageSize: 10, siteTitle: "Test Gazette" });
    expect(archive.articles).toEqual([]);
    expect(archive.home.lead).toBeNull();
    expect(archive.home.latest).toEqual([]);
    expect(archive.sections).toEqual([]);
    expect(archive.sectionFronts).toEqual([]);
  });
});
