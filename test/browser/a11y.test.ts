import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { axeViolations, describeViolations } from "../support/axeCheck.js";
import { launchBrowser } from "../support/browser.js";
import { buildSite, type BuiltSite } from "../support/buildSite.js";
import { fixtureArticles, writeArchive, type FixtureArticle } from "../support/fixtureArchive.js";
import { articleDayDir, escapeHtml, HOSTILE, hostileFiles, sectionSlug } from "../support/hostileArticles.js";
import { pagerFiles } from "../support/pagedArchive.js";
import { serveStatic, type StaticServer } from "../support/staticServer.js";

const articles = fixtureArticles();
/** Searching is quick, but the whole suite shares two cores: wait for results generously. */
const POLL = { timeout: 15_000 };
let site: BuiltSite;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  site = await buildSite(await writeArchive(articles, { ...hostileFiles(), ...pagerFiles() }));
  expect(site.code).toBe(0);
  server = await serveStatic(site.output);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The site path of an article's page, found by its headline among its section's pages of that day. */
async function urlOf(a: FixtureArticle): Promise<string> {
  const dir = articleDayDir(site.output, a);
  for (const slug of await readdir(dir)) {
    const html = await readFile(path.join(dir, slug, "index.html"), "utf8");
    if (html.includes(`<h1 class="headline">${escapeHtml(a.headline)}</h1>`)) return `/${path.relative(site.output, path.join(dir, slug))}/`;
  }
  throw new Error(`no page for ${a.headline}`);
}

/** Opens a page in a fresh tab with the given colour scheme; the search page waits for its results. */
async function open(url: string, colorScheme: "light" | "dark"): Promise<Page> {
  const page = await browser.newPage();
  await page.emulateMedia({ colorScheme });
  await page.goto(`${server.url}${url}`);
  if (url.startsWith("/search/")) {
    // Results shown, and the older periods' indexes merged in (the list is redrawn once then).
    await page.waitForFunction(() => /found/u.test(document.getElementById("search-status")!.textContent!) && !/earlier/u.test(document.getElementById("search-status")!.textContent!));
    await page.locator(".result-headline a").first().waitFor();
  }
  return page;
}

// An article with a standfirst and a crosshead; the hostile one adds a dateline and markup-like text.
const withCrosshead = articles.find((a) => a.standfirst && a.crosshead)!;
const PAGES: readonly (readonly [string, () => Promise<string>])[] = [
  ["the home page", async () => "/"],
  ["an article", () => urlOf(withCrosshead)],
  ["an article with markup-like text and a dateline", () => urlOf(HOSTILE[0]!)],
  ["a section front", async () => `/${sectionSlug(articles[0]!.section)}/`],
  ["a section's page of its oldest articles, with its pager", async () => "/weather/page/1/"],
  ["a year's archive", async () => `/archive/${HOSTILE[0]!.date.slice(0, 4)}/`],
  ["a day's archive", async () => `/archive/${HOSTILE[0]!.date.replace(/-/gu, "/")}/`],
  ["the search page, with results shown", async () => "/search/?q=officials"],
  ["the sections index", async () => "/sections/"],
  ["the sources index", async () => "/source/"],
  ["a source's page", async () => `/source/${sectionSlug(articles[0]!.source!)}/`],
  ["the archive index", async () => "/archive/"],
  ["the page-not-found page", async () => "/404.html"],
];

describe("axe-core finds no accessibility violations", () => {
  it("(the check itself: it does report an image without alt text and grey-on-grey text)", async () => {
    const page = await open("/", "dark");
    try {
      await page.evaluate(() => {
        const img = document.createElement("img");
        img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
        const faint = document.createElement("p");
        faint.textContent = "Faint text";
        faint.setAttribute("style", "color: #555; background: #444");
        document.querySelector("main")!.append(img, faint);
      });
      const ids = (await axeViolations(page)).map((v) => v.id);
      expect(ids).toEqual(expect.arrayContaining(["image-alt", "color-contrast"]));
    } finally {
      await page.close();
    }
  });

  for (const colorScheme of ["light", "dark"] as const) {
    for (const [name, url] of PAGES) {
      it(`on ${name}, ${colorScheme} scheme`, async () => {
        const page = await open(await url(), colorScheme);
        try {
          expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(colorScheme === "dark");
          const violations = await axeViolations(page);
          expect(violations, `${page.url()}\n${describeViolations(violations)}`).toEqual([]);
        } finally {
          await page.close();
        }
      });
    }
  }
});

/** What has focus: tag, id, class and text, and whether it shows a focus outline. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : null;
    return {
      tag: el?.tagName.toLowerCase() ?? "",
      id: el?.id ?? "",
      className: el?.className ?? "",
      text: (el?.textContent ?? "").trim(),
      href: el instanceof HTMLAnchorElement ? el.getAttribute("href") : null,
      outline: style ? { style: style.outlineStyle, width: parseFloat(style.outlineWidth) } : null,
      visible: el ? el.getBoundingClientRect().width > 1 && el.getBoundingClientRect().height > 1 : false,
    };
  });
}

describe("by keyboard alone", () => {
  it("the skip link is the first Tab stop, shows itself and moves focus to the main content", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/`);
      await page.keyboard.press("Tab");
      const skip = await focused(page);
      expect(skip).toMatchObject({ tag: "a", className: "skip-link", text: "Skip to content", href: "#main", visible: true });
      expect(skip.outline?.style).not.toBe("none");
      await page.keyboard.press("Enter");
      expect(await focused(page)).toMatchObject({ tag: "main", id: "main" });
      // The next Tab goes on from the main content, not from the top of the page.
      await page.keyboard.press("Tab");
      const next = await page.evaluate(() => document.getElementById("main")!.contains(document.activeElement));
      expect(next).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("finds an article from the search page: skip link, query box, type, Enter, Tab to the first result, Enter", async () => {
    const target = articles[22]!;
    const word = /zq\w+x/u.exec(target.paragraphs[1]!)![0];
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/search/`);
      const status = page.locator("#search-status");
      expect(await status.getAttribute("role")).toBe("status");
      expect(await status.getAttribute("aria-live")).toBe("polite");
      expect(await page.locator("#search-q").getAttribute("aria-describedby")).toBe("search-status");

      await page.keyboard.press("Tab");
      expect((await focused(page)).className).toBe("skip-link");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Tab");
      const box = await focused(page);
      expect(box).toMatchObject({ tag: "input", id: "search-q" });
      expect(box.outline?.style).not.toBe("none");
      expect(box.outline?.width).toBeGreaterThan(0);

      await page.keyboard.type(word, { delay: 20 });
      await page.keyboard.press("Enter");
      await expect.poll(() => status.textContent(), POLL).toBe(`1 article found for “${word}”.`);
      await expect.poll(() => page.locator(".result-headline a").allTextContents(), POLL).toEqual([target.headline]);

      // Tab on through the form's controls to the result, each showing where focus is.
      const stops: string[] = [];
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press("Tab");
        const now = await focused(page);
        stops.push(`${now.tag}#${now.id}.${now.className} ${now.text.slice(0, 40)}`);
        expect(now.outline?.style, `focus outline on ${stops.at(-1)}`).not.toBe("none");
        if (now.tag === "a" && now.text === target.headline) break;
      }
      const onResult = await focused(page);
      expect(onResult.text, `Tab stops: ${stops.join(" → ")}`).toBe(target.headline);

      await page.keyboard.press("Enter");
      await page.waitForURL(`${server.url}${await urlOf(target)}`);
      expect(await page.locator("h1").textContent()).toBe(target.headline);
    } finally {
      await page.close();
    }
  });

  it("announces when nothing is found, and clears the announcement with the query", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/search/`);
      const status = page.locator("#search-status");
      await page.locator("#search-q").focus();
      await page.keyboard.type("zqnowherex", { delay: 10 });
      await expect.poll(() => status.textContent(), POLL).toBe("No articles found for “zqnowherex”: no article holds “zqnowherex”.");
      expect(await page.locator(".result").count()).toBe(0);
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.press("Backspace");
      await expect.poll(() => status.textContent(), POLL).toBe("");
    } finally {
      await page.close();
    }
  });
});
