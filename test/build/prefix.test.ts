import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser.js";
import { buildSite, type BuiltSite } from "../support/buildSite.js";
import { fixtureArticles, writeArchive } from "../support/fixtureArchive.js";
import { checkLinks, formatBroken, linkTargets } from "../support/links.js";
import { servePrefixed, type PrefixServer } from "../support/prefixServer.js";
import { buildErrors, findArticleUrls, jsonLdBlocks, metaContent, parseXml, siteFiles, siteJson, tags, xmlText } from "../support/siteFiles.js";

/**
 * A site deployed in a sub-folder (`BROADSHEET_PATH_PREFIX`): no link, asset, feed URL or search
 * result may lead outside it, and the site must work when served there and nowhere else.
 */

const PREFIX = "/news-archive/";
const articles = fixtureArticles();

let site: BuiltSite;
let siteUrl: string;
let htmlFiles: string[];

beforeAll(async () => {
  site = await buildSite(await writeArchive(articles), { env: { BROADSHEET_PATH_PREFIX: PREFIX, BROADSHEET_URL: "" } });
  expect(buildErrors(site.stderr)).toBe("");
  expect(site.code).toBe(0);
  siteUrl = (await siteJson()).url.replace(/\/+$/u, "");
  htmlFiles = (await siteFiles(site.output)).filter((f) => f.endsWith(".html"));
});

const read = (file: string): Promise<string> => readFile(path.join(site.output, file), "utf8");

describe("a site built with a path prefix", () => {
  it("writes the site at the output's root, not in a folder named after the prefix", async () => {
    expect(htmlFiles).toContain("/index.html");
    expect(htmlFiles.some((f) => f.startsWith(PREFIX))).toBe(false);
  });

  it("starts every root-relative link, asset and form action with the prefix", async () => {
    const escaping: string[] = [];
    let rootRelative = 0;
    for (const file of htmlFiles) {
      for (const link of linkTargets(await read(file))) {
        if (!link.startsWith("/") || link.startsWith("//")) continue;
        rootRelative++;
        if (!link.startsWith(PREFIX)) escaping.push(`${file}: ${link}`);
      }
    }
    expect(rootRelative).toBeGreaterThan(htmlFiles.length * 5);
    expect(escaping, escaping.join("\n")).toEqual([]);
  });

  it("puts the prefix in canonical links, Open Graph URLs and JSON-LD", async () => {
    const base = `${siteUrl}${PREFIX}`;
    for (const file of htmlFiles) {
      const html = await read(file);
      for (const canonical of tags(html, "link").filter((l) => l.rel === "canonical")) expect(canonical.href, file).toMatch(new RegExp(`^${escape(base)}`, "u"));
      const ogUrl = metaContent(html, "og:url");
      if (ogUrl !== undefined) expect(ogUrl, file).toMatch(new RegExp(`^${escape(base)}`, "u"));
      for (const block of jsonLdBlocks(html)) {
        const ld = JSON.parse(block) as { url?: string; mainEntityOfPage?: string };
        expect(ld.url, file).toMatch(new RegExp(`^${escape(base)}`, "u"));
        expect(ld.mainEntityOfPage, file).toMatch(new RegExp(`^${escape(base)}`, "u"));
      }
    }
    const home = await read("/index.html");
    expect(tags(home, "link").find((l) => l.rel === "canonical")?.href).toBe(base);
  });

  it("puts the prefix in every URL of the feeds, the sitemap and robots.txt", async () => {
    const base = `${siteUrl}${PREFIX}`;
    const atom = parseXml(await read("/feed.xml")).feed as { id: unknown; link: { "@href": string }[]; entry: { id: unknown; link: { "@href": string }[] }[] };
    const atomUrls = [xmlText(atom.id), ...atom.link.map((l) => l["@href"]), ...atom.entry.flatMap((e) => [xmlText(e.id), ...e.link.map((l) => l["@href"])])];
    const json = JSON.parse(await read("/feed.json")) as { home_page_url: string; feed_url: string; items: { id: string; url: string }[] };
    const jsonUrls = [json.home_page_url, json.feed_url, ...json.items.flatMap((i) => [i.id, i.url])];
    const sitemap = parseXml(await read("/sitemap.xml")).urlset as { url: { loc: unknown }[] };
    const locs = sitemap.url.map((u) => xmlText(u.loc));
    expect(locs.length).toBeGreaterThanOrEqual(articles.length);
    for (const u of [...atomUrls, ...jsonUrls, ...locs]) expect(u).toMatch(new RegExp(`^${escape(base)}`, "u"));
    expect(await read("/robots.txt")).toMatch(new RegExp(`^Sitemap: ${escape(base)}sitemap\\.xml$`, "mu"));
  });

  it("points the search page at search bundles inside the prefix", async () => {
    const search = await read("/search/index.html");
    const form = tags(search, "form").find((f) => f["data-bundles"] !== undefined);
    expect(form, "a form with data-bundles").toBeDefined();
    const bundles = form!["data-bundles"]!.split(/\s+/u).filter(Boolean);
    expect(bundles.length).toBeGreaterThan(0);
    for (const bundle of bundles) expect(bundle).toMatch(new RegExp(`^${escape(PREFIX)}`, "u"));
    // Each bundle is written where the prefix maps to.
    for (const bundle of bundles) expect((await siteFiles(path.join(site.output, bundle.slice(PREFIX.length)))).length).toBeGreaterThan(0);
  });

  it("leads every internal link to a written file, with the prefix mapped to the output", async () => {
    const report = await checkLinks(site.output, { prefix: PREFIX, siteUrl });
    expect(report.checked).toBeGreaterThan(report.pages);
    expect(report.broken, formatBroken(report.broken)).toEqual([]);
  });
});

describe("a path-prefixed site served from its sub-folder", () => {
  let server: PrefixServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await servePrefixed(site.output, PREFIX);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("finds an article by a word only it holds, and the result opens that article", async () => {
    const target = articles[13]!;
    const word = /zq\w+x/u.exec(target.paragraphs[1]!)![0];
    expect(articles.filter((a) => a.paragraphs.join(" ").includes(word))).toEqual([target]);
    const [url] = (await findArticleUrls(site.output, [target])).values();

    const page = await browser.newPage();
    try {
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const opened = await page.goto(`${server.url}${PREFIX}search/?q=${encodeURIComponent(word)}`);
      expect(opened?.status()).toBe(200);
      const results = page.locator("#search-results a");
      await expect.poll(() => results.allTextContents(), { timeout: 15_000 }).toEqual([target.headline]);
      const href = await results.first().getAttribute("href");
      expect(href).toBe(`${PREFIX}${url!.slice(1)}`);

      const response = page.waitForResponse((r) => new URL(r.url()).pathname === href);
      await results.first().click();
      expect((await response).status()).toBe(200);
      await page.waitForURL(`${server.url}${href}`);
      expect(await page.locator("h1").first().textContent()).toBe(target.headline);
      expect(errors).toEqual([]);
      // Nothing the pages asked for fell outside the prefix or was missing (a browser asks the
      // origin for /favicon.ico by itself when a page names no icon: not a link of the site).
      expect(server.misses.filter((p) => p !== "/favicon.ico")).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}
