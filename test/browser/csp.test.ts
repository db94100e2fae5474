import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "../support/browser.js";
import { buildSite, type BuiltSite } from "../support/buildSite.js";
import { fixtureArticles, writeArchive, type FixtureArticle } from "../support/fixtureArchive.js";
import { parseCsp, parseHeadersFile } from "../support/headersFile.js";
import { articleDayDir, escapeHtml, HOSTILE, hostileFiles, sectionSlug } from "../support/hostileArticles.js";
import { serveStatic, type StaticServer } from "../support/staticServer.js";

const articles = fixtureArticles();
/** Searching is quick, but the whole suite shares two cores: wait for results generously. */
const POLL = { timeout: 15_000 };
let site: BuiltSite;
let headers: Record<string, string>;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  site = await buildSite(await writeArchive(articles, hostileFiles()));
  expect(site.code).toBe(0);
  const rules = parseHeadersFile(await readFile(path.join(site.output, "_headers"), "utf8"));
  headers = rules.get("/*") ?? {};
  server = await serveStatic(site.output, headers);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A tab that records every CSP violation (reported event, console message), script error and dialog. */
async function watchedPage(): Promise<{ page: Page; context: BrowserContext; problems: () => Promise<string[]> }> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
  });
  const page = await context.newPage();
  const logged: string[] = [];
  page.on("console", (m) => {
    if (/Content[- ]Security[- ]Policy/iu.test(m.text())) logged.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => logged.push(`page error: ${e.message}`));
  page.on("dialog", (d) => {
    logged.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  const problems = async () => [
    ...logged,
    ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).map((v) => `event: ${v}`),
  ];
  return { page, context, problems };
}

async function urlOf(a: FixtureArticle): Promise<string> {
  const dir = articleDayDir(site.output, a);
  for (const slug of await readdir(dir)) {
    if ((await readFile(path.join(dir, slug, "index.html"), "utf8")).includes(`<h1 class="headline">${escapeHtml(a.headline)}</h1>`)) {
      return `/${path.relative(site.output, path.join(dir, slug))}/`;
    }
  }
  throw new Error(`no page for ${a.headline}`);
}

const headlines = (p: Page) => p.locator(".result-headline a").allTextContents();

describe("the _headers file", () => {
  it("sets a Content-Security-Policy for every path that allows no inline script", () => {
    const policy = headers["Content-Security-Policy"];
    expect(policy, "a Content-Security-Policy under /*").toBeDefined();
    const csp = parseCsp(policy!);
    const scripts = csp.get("script-src") ?? csp.get("default-src");
    expect(scripts, "script-src (or default-src)").toBeDefined();
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts).not.toContain("*");
    expect(scripts!.some((s) => /^(data|blob|https?):$/u.test(s)), "no whole scheme allowed for scripts").toBe(false);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toBeDefined();
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
  });
});

describe("the site served under its own headers", () => {
  it("(the check itself: an inline script is blocked and reported)", async () => {
    const { page, context, problems } = await watchedPage();
    try {
      const response = await page.goto(`${server.url}/`);
      expect(response?.headers()["content-security-policy"]).toBe(headers["Content-Security-Policy"]);
      await page.evaluate(() => {
        const s = document.createElement("script");
        s.textContent = "window.inlineRan = true";
        document.body.append(s);
      });
      await expect.poll(problems, POLL).toEqual(expect.arrayContaining([expect.stringMatching(/^event: script-src.* blocked inline/u)]));
      expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
    } finally {
      await context.close();
    }
  });

  it("loads the home page, an article, a section front, date pages and the 404 page with no violation", async () => {
    const { page, context, problems } = await watchedPage();
    try {
      const urls = ["/", await urlOf(articles[5]!), await urlOf(HOSTILE[0]!), `/${sectionSlug(articles[0]!.section)}/`, "/archive/2016/", "/archive/2016/03/03/", "/sections/", "/source/", "/404.html"];
      for (const url of urls) {
        const response = await page.goto(`${server.url}${url}`, { waitUntil: "load" });
        expect(response?.status(), url).toBe(200);
        // The stylesheet applied: the masthead is laid out by site.css, not the browser's defaults.
        expect(await page.evaluate(() => getComputedStyle(document.querySelector(".masthead")!).textAlign), url).toBe("center");
      }
      expect(await problems()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("runs a real search on the search page with no violation", async () => {
    const { page, context, problems } = await watchedPage();
    try {
      const target = articles[30]!;
      const word = /zq\w+x/u.exec(target.paragraphs[1]!)![0];
      await page.goto(`${server.url}/search/`);
      await page.locator("#search-q").pressSequentially(word, { delay: 20 });
      await expect.poll(() => headlines(page), POLL).toEqual([target.headline]);
      await expect.poll(() => page.locator("#search-status").textContent(), POLL).toMatch(/^1 article found/u);
      await page.locator(".result-headline a").click();
      await page.waitForURL(`${server.url}${await urlOf(target)}`);
      expect(await problems()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows a result whose headline looks like markup as text, and runs none of it", async () => {
    const { page, context, problems } = await watchedPage();
    try {
      const hostile = HOSTILE[0]!;
      await page.goto(`${server.url}/search/?q=zqhostilex`);
      await expect.poll(() => headlines(page), POLL).toEqual([hostile.headline]);
      expect(await page.locator(".result script, .result img").count()).toBe(0);
      expect(await page.locator(".result-excerpt").first().textContent()).toContain("zqhostilex");
      expect(await problems()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
