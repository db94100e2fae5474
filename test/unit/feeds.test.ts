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

  it("splits a site past the limit into numbered sitemaps, in order, each within the limit", () => {
    const all = entries(11);
    const split = sitemaps(all, 5);
    expect(split.index).toBe(true);
    expect(split.files.map((f) => f.url)).toEqual(["/sitemap-1.xml", "/sitemap-2.xml", "/sitemap-3.xml"]);
    expect(split.files.map((f) => f.entries.length)).toEqual([5, 5, 1]);
    expect(split.files.flatMap((f) => f.entries)).toEqual(all);
    // /sitemap.xml is left to the index.
    expect(split.files.some((f) => f.url === "/sitemap.xml")).toBe(false);
  });

  it("splits exactly at a multiple of the limit without an empty last file", () => {
    const split = sitemaps(entries(10), 5);
    expect(split.files.map((f) => f.entries.length)).toEqual([5, 5]);
  });

  it("allows the protocol's 50,000 URLs per file", () => {
    expect(SITEMAP_LIMIT).toBe(50_000);
    expect(sitemaps(entries(50_000)).index).toBe(false);
    const split = sitemaps(entries(50_001));
    expect(split.index).toBe(true);
    expect(split.files.map((f) => f.entries.length)).toEqual([50_000, 1]);
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
