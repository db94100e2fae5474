import { describe, expect, it } from "vitest";
import { buildArchive } from "../../src/archive/archive.js";
import { FEED_ENTRIES, SITEMAP_LIMIT, sitemaps, type SitemapEntry } from "../../src/archive/feeds.js";
import type { ParsedArticle } from "../../src/article/types.js";
import { iso, parsed } from "./helpers.js";

function entries(n: number): SitemapEntry[] {
  return Array.from({ length: n }, (_, i) => ({ url: `/page-${i + 1}/`, lastmod: i % 2 === 0 ? "2019-03-14" : null }));
}

describe("sitemaps", () => {
  it("keeps a site that fits in one sitemap at /sitemap.xml, with no index", () => {
    const all = entries(7);
    expect(sitemaps(all, 7)).toEqual({ files: [{ url: "/sitemap.xml", entries: all }], index: false });
  });

  it("splits a site past the limit by year, pages without a date apart, each file within the limit", () => {
    const dated = (year: number, n: number): SitemapEntry[] => Array.from({ length: n }, (_, i) => ({ url: `/${year}/${i}/`, lastmod: `${year}-03-14` }));
    const pages: SitemapEntry[] = [{ url: "/sections/", lastmod: null }, { url: "/archive/", lastmod: null }];
    const all = [...dated(2019, 3), ...pages, ...dated(2017, 7), ...dated(2018, 1)];
    const split = sitemaps(all, 5);
    expect(split.index).toBe(true);
    expect(split.files.map((f) => [f.url, f.entries.length])).toEqual([
      ["/sitemap-pages.xml", 2],
      ["/sitemap-2017.xml", 5],
      ["/sitemap-2017-2.xml", 2],
      ["/sitemap-2018.xml", 1],
      ["/sitemap-2019.xml", 3],
    ]);
    expect(split.files.flatMap((f) => f.entries).map((e) => e.url).sort()).toEqual(all.map((e) => e.url).sort());
    // /sitemap.xml is left to the index.
    expect(split.files.some((f) => f.url === "/sitemap.xml")).toBe(false);
  });

  it("changes only its year's file when an article is added to a large archive", () => {
    const before = [...entries(4), { url: "/a/", lastmod: "2017-01-02" }, { url: "/b/", lastmod: "2018-05-06" }, { url: "/c/", lastmod: "2019-07-08" }];
    const after = [...before.slice(0, 5), { url: "/new/", lastmod: "2018-01-01" }, ...before.slice(5)];
    const changed = sitemaps(after, 5).files.filter((f) => JSON.stringify(f) !== JSON.stringify(sitemaps(before, 5).files.find((g) => g.url === f.url)));
    expect(changed.map((f) => f.url)).toEqual(["/sitemap-2018.xml"]);
  });

  it("allows the protocol's 50,000 URLs per file", () => {
    expect(SITEMAP_LIMIT).toBe(50_000);
    expect(sitemaps(entries(50_000)).index).toBe(false);
    const split = sitemaps(entries(50_001));
    expect(split.index).toBe(true);
    expect(split.files.every((f) => f.entries.length <= 50_000)).toBe(true);
  });
});

describe("feeds", () => {
  /** 25 stories, one a day from 1 to 25 March: odd days WORLD (13), even days BUSINESS (12). */
  function month(): ParsedArticle[] {
    return Array.from({ length: 25 }, (_, i) => {
      const d = String(i + 1).padStart(2, "0");
      return parsed({ file: `articles/${d}.txt`, date: iso(`2019-03-${d}`), sectionRaw: i % 2 === 0 ? "WORLD" : "BUSINESS", headline: `Story of ${i + 1} March` });
    });
  }

  it("gives the site a feed of its newest articles and each section one of its own", () => {
    const { feeds } = buildArchive(month(), { pageSize: 10, siteTitle: "Test Gazette" });
    expect(feeds.map((f) => [f.section, f.pageUrl, f.atomUrl, f.jsonUrl])).toEqual([
      [null, "/", "/feed.xml", "/feed.json"],
      ["World", "/world/", "/world/feed.xml", "/world/feed.json"],
      ["Business", "/business/", "/business/feed.xml", "/business/feed.json"],
    ]);
    const [site, world] = feeds;
    expect(site!.articles.map((a) => a.date)).toEqual(Array.from({ length: FEED_ENTRIES }, (_, i) => `2019-03-${String(25 - i).padStart(2, "0")}`));
    expect(site!.updated).toBe("2019-03-25");
    expect(world!.articles).toHaveLength(13);
    expect(world!.articles.every((a) => a.section === "World")).toBe(true);
  });
});
