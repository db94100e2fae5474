import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureArticles, writeArchive } from "../support/fixtureArchive.js";
import { findArticleUrls } from "../support/siteFiles.js";
import { siteInBrowser, type SiteInBrowser } from "../support/siteInBrowser.js";

/*
 * A phone (390 px wide, an iPhone 12's CSS width): the masthead must leave room for the story,
 * and its links must not break onto lines of their own.
 */
const PHONE = { width: 390, height: 844 };
/** The masthead's height on a phone: title, links and search box, and nothing else. */
const MASTHEAD_MAX = 160;

const articles = fixtureArticles();
let s: SiteInBrowser;
let articleUrl: string;

beforeAll(async () => {
  s = await siteInBrowser(await writeArchive(articles));
  articleUrl = (await findArticleUrls(s.site.output, [articles[0]!])).get(articles[0]!)!;
  await s.page.setViewportSize(PHONE);
});

afterAll(async () => {
  await s?.close();
});

describe("on a phone", () => {
  for (const [name, url] of [["the home page", () => "/"], ["an article", () => articleUrl], ["a section front", () => "/weather/"]] as const) {
    it(`keeps the masthead short and its links on one line: ${name}`, async () => {
      await s.page.goto(`${s.server.url}${url()}`);
      const layout = await s.page.evaluate(() => {
        const shown = [...document.querySelectorAll<HTMLElement>(".masthead-nav ul a")].filter((a) => a.offsetParent !== null);
        return {
          linkTops: [...new Set(shown.map((a) => Math.round(a.getBoundingClientRect().top)))],
          links: shown.length,
          mastheadBottom: document.querySelector(".masthead")!.getBoundingClientRect().bottom,
          searchBox: document.querySelector<HTMLElement>("#masthead-q")!.offsetParent !== null,
          overflow: document.documentElement.scrollWidth > window.innerWidth,
        };
      });
      expect(layout.links).toBeGreaterThanOrEqual(4);
      expect(layout.linkTops, "the links' tops").toHaveLength(1);
      expect(layout.mastheadBottom).toBeLessThanOrEqual(MASTHEAD_MAX);
      // Searching is still at hand, and nothing runs off the side.
      expect(layout.searchBox).toBe(true);
      expect(layout.overflow).toBe(false);
    });
  }
});
