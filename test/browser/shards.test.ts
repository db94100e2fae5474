import { readFile, rename } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { fixtureArticles, writeArchive } from "../support/fixtureArchive.js";
import { siteInBrowser, type SiteInBrowser } from "../support/siteInBrowser.js";
import type { StaticServer } from "../support/staticServer.js";

// The fixture's 36 articles, nine a year over four years, with shards of at most 10: one index
// per year, as a large archive gets one per period.
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

const inYear = (year: string) => articles.filter((a) => a.date.startsWith(year));
const datesOf = (list: readonly { date: string }[]) => list.map((a) => a.date);
/** The page's language is "en": dates as an English reader sees them. */
const longDate = (iso: string) => new Intl.DateTimeFormat("en", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
const status = () => page.locator("#search-status").textContent();
const shownDates = () => page.locator(".result-meta time").evaluateAll((times) => times.map((t) => t.getAttribute("datetime")!));
/** The page marks its status busy while it searches; a finished search has said what it found. */
const settled = () =>
  expect.poll(() => page.locator("#search-status").evaluate((s) => s.getAttribute("aria-busy") === null && s.textContent !== "")).toBe(true);

/** Presses the button under the results until it goes: every period searched, every result shown. */
async function readToTheEnd(): Promise<void> {
  for (let presses = 0; presses < 20 && (await page.locator("#search-more").isVisible()); presses++) {
    await page.locator("#search-more").click();
    await settled();
  }
  expect(await page.locator("#search-more").isVisible()).toBe(false);
}

/** Index files fetched while `act` runs, as paths. */
async function fetchedDuring(act: () => Promise<void>): Promise<string[]> {
  const fetched: string[] = [];
  const listen = (request: { url(): string }) => fetched.push(new URL(request.url()).pathname);
  page.on("request", listen);
  try {
    await act();
  } finally {
    page.off("request", listen);
  }
  return fetched.filter((p) => /\.pf_(meta|index|filter)$/u.test(p));
}

describe("search over yearly shards", () => {
  it("writes one index per year, newest first", () => {
    expect(bundles).toEqual(["/pagefind/", "/pagefind-2017/", "/pagefind-2016/", "/pagefind-2015/"]);
  });

  it("searches the newest year first, says how far back it looked, and fetches no older index", async () => {
    const fetched = await fetchedDuring(async () => {
      await page.goto(`${server.url}/search/?q=officials`);
      await expect.poll(status).toContain("found");
      await settled();
    });
    const newest = inYear("2018");
    expect(await status()).toBe(`${newest.length} articles found for “officials” since ${longDate(datesOf(newest).sort()[0]!)}.`);
    expect((await shownDates()).sort()).toEqual(datesOf(newest).sort());
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.every((p) => p.startsWith("/pagefind/"))).toBe(true);
    expect(await page.locator("#search-more").textContent()).toBe(`Search articles before ${longDate(datesOf(newest).sort()[0]!)}`);
  });

  it("goes back a year at a time on request, to every article, newest year first", async () => {
    await page.goto(`${server.url}/search/?q=officials`);
    await settled();
    await page.locator("#search-more").click();
    await settled();
    const twoYears = [...inYear("2018"), ...inYear("2017")];
    expect(await status()).toBe(`${twoYears.length} articles found for “officials” since ${longDate(datesOf(inYear("2017")).sort()[0]!)}.`);
    await readToTheEnd();
    expect(await status()).toBe(`${articles.length} articles found for “officials”.`);
    const years = (await shownDates()).map((d) => d.slice(0, 4));
    expect(years.length).toBe(articles.length);
    expect(years).toEqual([...years].sort().reverse());
    expect(new Set(await page.locator(".result-headline a").allTextContents()).size).toBe(articles.length);
  });

  it("by best match, opens first the year that holds a rare word, as the word directory says", async () => {
    const oldest = inYear("2015")[0]!;
    const word = /zq\w+x/u.exec(oldest.paragraphs[1]!)![0];
    const fetched = await fetchedDuring(async () => {
      await page.goto(`${server.url}/search/?q=${word}`);
      await settled();
    });
    expect(await page.locator(".result-headline a").allTextContents()).toEqual([oldest.headline]);
    const year = datesOf(inYear("2015")).sort();
    expect(await status()).toBe(`1 article found for “${word}” in articles from ${longDate(year[0]!)} to ${longDate(year.at(-1)!)}.`);
    // No other year's index chunk was fetched for it (the newest year's metadata loads with the page).
    const chunks = fetched.filter((p) => p.endsWith(".pf_index"));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((p) => p.startsWith("/pagefind-2015/"))).toBe(true);
    expect(await page.locator("#search-more").textContent()).toBe(`Search articles from ${longDate(datesOf(inYear("2018")).sort()[0]!)} to ${longDate(datesOf(inYear("2018")).sort().at(-1)!)}`);
  });

  it("by date, looks further back by itself while it has found nothing, then asks before going on", async () => {
    const oldest = inYear("2015")[0]!;
    const word = /zq\w+x/u.exec(oldest.paragraphs[1]!)![0];
    await page.goto(`${server.url}/search/?q=${word}&sort=newest`);
    await settled();
    // Two periods a step: 2018 and 2017 hold nothing, so the reader is asked before 2016 is opened.
    expect(await status()).toBe(`No articles found for “${word}” since ${longDate(datesOf(inYear("2017")).sort()[0]!)}.`);
    await page.locator("#search-more").click();
    await settled();
    await expect.poll(() => page.locator(".result-headline a").allTextContents()).toEqual([oldest.headline]);
    expect(await status()).toBe(`1 article found for “${word}”.`);
  });

  it("orders oldest first from the oldest year on", async () => {
    await page.goto(`${server.url}/search/?q=officials&sort=oldest`);
    await settled();
    const oldestYear = datesOf(inYear("2015")).sort();
    expect(await status()).toBe(`${oldestYear.length} articles found for “officials” up to ${longDate(oldestYear.at(-1)!)}.`);
    expect(await shownDates()).toEqual(oldestYear);
    await readToTheEnd();
    expect(await shownDates()).toEqual(datesOf(articles).sort());
  });

  it("orders newest first across every year as the reader goes back", async () => {
    await page.goto(`${server.url}/search/?q=officials&sort=newest`);
    await settled();
    await readToTheEnd();
    // Several articles share a day, and Pagefind orders a day's articles as it likes: compare days.
    expect(await shownDates()).toEqual(datesOf(articles).sort().reverse());
  });

  it("opens only the chosen year's index when a year is chosen", async () => {
    const fetched = await fetchedDuring(async () => {
      await page.goto(`${server.url}/search/?q=officials&year=2016`);
      await settled();
    });
    expect((await page.locator(".result-headline a").allTextContents()).sort()).toEqual(inYear("2016").map((a) => a.headline).sort());
    expect(await status()).toBe(`${inYear("2016").length} articles found for “officials”.`);
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.every((p) => p.startsWith("/pagefind-2016/"))).toBe(true);
  });

  it("starts a new query at the newest year again, however far back the last one went", async () => {
    await page.goto(`${server.url}/search/?q=officials`);
    await settled();
    await readToTheEnd();
    await page.locator("#search-q").fill("spokesperson");
    await expect.poll(status).toContain("“spokesperson”");
    await settled();
    const newest = inYear("2018");
    expect(await status()).toBe(`${newest.length} articles found for “spokesperson” since ${longDate(datesOf(newest).sort()[0]!)}.`);
    expect((await shownDates()).sort()).toEqual(datesOf(newest).sort());
  });

  it("says so when a period's index will not load, and searches again once the reader changes the query", async () => {
    // As when the site is deployed again under an open page: the oldest year's entry file is gone.
    const entry = path.join(opened.site.output, "pagefind-2015", "pagefind-entry.json");
    await rename(entry, `${entry}.gone`);
    try {
      await page.goto(`${server.url}/search/?q=officials&sort=oldest`);
      await settled();
      expect(await status()).toMatch(/^The search could not finish \(.+\)\. Reload the page to try again\.$/u);
      await page.locator("#search-sort").selectOption("newest");
      await settled();
      expect(await status()).toBe(`${inYear("2018").length} articles found for “officials” since ${longDate(datesOf(inYear("2018")).sort()[0]!)}.`);
    } finally {
      await rename(`${entry}.gone`, entry);
    }
  });
});
