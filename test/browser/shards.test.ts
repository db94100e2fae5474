import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { fixtureArticles, writeArchive } from "../support/fixtureArchive.js";
import { siteInBrowser, type SiteInBrowser } from "../support/siteInBrowser.js";
import type { StaticServer } from "../support/staticServer.js";

// The fixture's 36 articles over four years, with shards of at most 10: one index per year, as
// an archive past 20,000 articles gets.
const articles = fixtureArticles();
let opened: SiteInBrowser;
let server: StaticServer;
let page: Page;
let bundles: string[];

beforeAll(async () => {
  opened = await siteInBrowser(await writeArchive(articles), { env: { BROADSHEET_SEARCH_SHARD_SIZE: "10" } });
  ({ server, page } = opened);
  bundles = /data-bundles="([^"]+)"/u.exec(await readFile(path.join(opened.site.output, "search/index.html"), "utf8"))![1]!.split(" ");
});

afterAll(() => opened?.close());

describe("search over yearly shards", () => {
  it("writes one index per year, newest first", () => {
    expect(bundles).toEqual(["/pagefind/", "/pagefind-2017/", "/pagefind-2016/", "/pagefind-2015/"]);
  });

  it("finds articles of every year, the oldest included", async () => {
    const oldest = articles.filter((a) => a.date.startsWith("2015"))[0]!;
    const word = /zq\w+x/u.exec(oldest.paragraphs[1]!)![0];
    await page.goto(`${server.url}/search/?q=${word}`);
    await expect.poll(() => page.locator(".result-headline a").allTextContents()).toEqual([oldest.headline]);
  });

  it("ranks by relevance across every year", async () => {
    await page.goto(`${server.url}/search/?q=officials`);
    await expect.poll(() => page.locator("#search-status").textContent()).toMatch(/^36 articles found/u);
    await expect.poll(() => page.locator(".result").count()).toBe(10);
  });

  it("orders oldest first across every year", async () => {
    await page.goto(`${server.url}/search/?q=officials&sort=oldest`);
    await expect.poll(() => page.locator("#search-status").textContent()).toMatch(/^36 articles found/u);
    const oldest = articles.map((a) => a.date).sort().slice(0, 10);
    await expect.poll(() => page.locator(".result-meta time").evaluateAll((times) => times.map((t) => t.getAttribute("datetime")))).toEqual(oldest);
  });

  it("opens only the chosen year's index when a year is chosen", async () => {
    const fetched: string[] = [];
    const listen = (request: { url(): string }) => fetched.push(new URL(request.url()).pathname);
    page.on("request", listen);
    await page.goto(`${server.url}/search/?q=officials&year=2016`);
    const in2016 = articles.filter((a) => a.date.startsWith("2016")).map((a) => a.headline).sort();
    await expect.poll(async () => (await page.locator(".result-headline a").allTextContents()).sort()).toEqual(in2016);
    page.off("request", listen);
    const metas = fetched.filter((p) => p.endsWith(".pf_meta"));
    // The newest year's script loads with the page; no other year's index is fetched.
    expect(metas.length).toBeGreaterThan(0);
    expect(metas.every((p) => p.startsWith("/pagefind-2016/"))).toBe(true);
  });

  it("counts the whole archive once every year is merged in", async () => {
    await page.goto(`${server.url}/search/?q=officials&sort=newest`);
    await expect.poll(() => page.locator("#search-status").textContent()).toMatch(/^36 articles found/u);
    // Several articles share a day, and Pagefind orders a day's articles as it likes: compare days.
    const newest = articles.map((a) => a.date).sort().reverse().slice(0, 10);
    await expect.poll(() => page.locator(".result-meta time").evaluateAll((times) => times.map((t) => t.getAttribute("datetime")))).toEqual(newest);
  });
});
