import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { fixtureArticles, writeArchive } from "../support/fixtureArchive.js";
import { siteInBrowser, type SiteInBrowser } from "../support/siteInBrowser.js";
import type { StaticServer } from "../support/staticServer.js";

const articles = fixtureArticles();
let opened: SiteInBrowser;
let server: StaticServer;
let page: Page;

beforeAll(async () => {
  opened = await siteInBrowser(await writeArchive(articles));
  ({ server, page } = opened);
});

afterAll(() => opened?.close());

const headlines = (p: Page) => p.locator(".result-headline a").allTextContents();

describe("search in the browser", () => {
  it("finds the one article holding a word typed into the search box", async () => {
    const target = articles[13]!;
    const word = /zq\w+x/u.exec(target.paragraphs[1]!)![0];
    await page.goto(`${server.url}/search/`);
    await page.locator("#search-q").pressSequentially(word, { delay: 20 });
    await expect.poll(() => headlines(page)).toEqual([target.headline]);
    expect(await page.locator("#search-status").textContent()).toMatch(/^1 article found/u);
    await expect.poll(() => page.evaluate(() => location.search)).toBe(`?q=${word}`);
  });

  it("runs the query in a shared ?q= link on arrival, with a highlighted excerpt", async () => {
    await page.goto(`${server.url}/search/?q=lighthouse`);
    const expected = articles.filter((a) => a.headline.toLowerCase().includes("lighthouse")).map((a) => a.headline);
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(async () => (await headlines(page)).sort()).toEqual(expected.sort());
    expect(await page.locator("#search-q").inputValue()).toBe("lighthouse");
    expect(await page.locator(".result-excerpt mark").first().textContent()).toMatch(/lighthouse/iu);
  });

  it("says a word no article holds was searched as the longest word it begins with, as Pagefind does", async () => {
    await page.goto(`${server.url}/search/?q=lighthousezzz`);
    const expected = articles.filter((a) => a.headline.toLowerCase().includes("lighthouse")).map((a) => a.headline);
    await expect.poll(async () => (await headlines(page)).sort()).toEqual(expected.sort());
    expect(await page.locator("#search-status").textContent()).toMatch(/found for “lighthousezzz”\. No article holds “lighthousezzz”: it was searched as the longest word of the archive it begins with\./u);
  });

  it("shows ten results at a time, and ten more on request", async () => {
    await page.goto(`${server.url}/search/?q=officials`);
    await expect.poll(() => headlines(page).then((h) => h.length)).toBe(10);
    expect(await page.locator("#search-status").textContent()).toMatch(/^36 articles found/u);
    await page.locator("#search-more").click();
    await expect.poll(() => headlines(page).then((h) => h.length)).toBe(20);
    const shown = await headlines(page);
    expect(new Set(shown).size).toBe(20);
    for (const h of shown) expect(articles.map((a) => a.headline)).toContain(h);
  });

  it("narrows results by section and sorts them by date", async () => {
    await page.goto(`${server.url}/search/?q=officials&section=Weather&sort=newest`);
    const expected = articles
      .filter((a) => a.section === "WEATHER")
      .sort((a, b) => (a.date < b.date ? 1 : -1))
      .slice(0, 10)
      .map((a) => a.headline);
    await expect.poll(() => headlines(page)).toEqual(expected);
  });

  it("says a section in a link is none of the archive's, until one is picked from the menu", async () => {
    await page.goto(`${server.url}/search/?q=officials&section=Nonexistent`);
    await expect.poll(() => page.locator("#search-status").textContent()).toBe("No section is named “Nonexistent” in this archive: pick one from the Section menu.");
    expect(await headlines(page)).toEqual([]);
    await page.locator("#search-section").selectOption("Weather");
    await expect.poll(() => headlines(page).then((h) => h.length)).toBeGreaterThan(0);
  });

  it("says a topic in a link is no topic's in an archive that has none", async () => {
    await page.goto(`${server.url}/search/?q=officials&topic=Harbour+Board`);
    expect(await page.locator("#search-topic").getAttribute("type")).toBe("hidden");
    await expect.poll(() => page.locator("#search-status").textContent()).toBe("No topic is named “Harbour Board”. This archive has no topics.");
    expect(await headlines(page)).toEqual([]);
  });

  it("says what is wrong with dates in a link rather than showing nothing", async () => {
    const status = () => page.locator("#search-status").textContent();
    await page.goto(`${server.url}/search/?q=officials&from=2016-13`);
    await expect.poll(status).toContain("“2016-13” is not a date to search from");
    // The dates it takes, shown by the archive's own newest day.
    const newest = articles.map((a) => a.date).sort().at(-1)!;
    expect(await status()).toContain(`give a month (${newest.slice(0, 7)}) or a day (${newest}).`);
    expect(await page.locator("#search-dates-hint").textContent()).toBe(`From and to: a month (${newest.slice(0, 7)}) or a day (${newest}).`);
    expect(await headlines(page)).toEqual([]);
    await page.goto(`${server.url}/search/?q=officials&from=2017-05&to=2016-03-02`);
    await expect.poll(status).toContain("swap the dates");
    expect(await headlines(page)).toEqual([]);
    // Put right in the form, the search runs.
    await page.locator("#search-to").fill("2018-12");
    await page.locator("#search-to").press("Enter");
    const since = articles.filter((a) => a.date >= "2017-05-01" && a.paragraphs.join(" ").includes("officials"));
    await expect.poll(() => headlines(page).then((h) => h.length)).toBe(Math.min(10, since.length));
  });
});
