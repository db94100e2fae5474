import { readFile, rename } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { articleText, fixtureArticles, writeArchive, type FixtureArticle } from "../support/fixtureArchive.js";
import { missedPeriods, queriesOf, siteRouter } from "../support/routingCheck.js";
import { siteInBrowser, type SiteInBrowser } from "../support/siteInBrowser.js";

// The fixture's 36 articles, nine a year over 2015–2018, and six more that share a rare word as
// often as each says, with shards of at most 12: one search index per year, as a large archive
// gets one per period. The same articles are built a second time into one index, the reference.
const RARE = "zephyrine";
const rareArticles: FixtureArticle[] = [3, 1, 5, 2, 4, 6].map((times, i) => ({
  file: `rare/${i}.txt`,
  date: `${2015 + (i % 4)}-0${1 + i}-1${i}`,
  section: "HARBOUR NEWS",
  headline: `Harbour pilots note the ${i % 2 === 0 ? RARE + " current" : "current"} off the point`,
  paragraphs: [
    `Pilots said the ${Array.from({ length: times }, () => RARE).join(" and the ")} ran strong this week${" again".repeat(i * 3)}.`,
    `Harbour officials logged the readings for the record, number ${i}.`,
  ],
}));
/** An old article whose headline words no other article has. */
const kennels: FixtureArticle = {
  file: "old/kennels.txt",
  date: "2015-11-03",
  section: "CITY COUNCIL",
  headline: "Quarantine lifted at Ostrava kennels",
  paragraphs: ["The council lifted the quarantine on Tuesday, officials said.", "Owners may collect their dogs from Thursday."],
};
const articles = [...fixtureArticles(), ...rareArticles, kennels];
const SHARD_SIZE = "12";

let sharded: SiteInBrowser;
let single: SiteInBrowser;
let page: Page;
let bundles: string[];

beforeAll(async () => {
  const dir = await writeArchive(articles);
  [sharded, single] = await Promise.all([
    siteInBrowser(dir, { env: { BROADSHEET_SEARCH_SHARD_SIZE: SHARD_SIZE } }),
    siteInBrowser(dir, { env: { BROADSHEET_SEARCH_SHARD_SIZE: "1000" } }),
  ]);
  page = sharded.page;
  bundles = /data-bundles="([^"]+)"/u.exec(await readFile(path.join(sharded.site.output, "search/index.html"), "utf8"))![1]!.split(" ");
});

afterAll(async () => {
  await sharded?.close();
  await single?.close();
});

const inYear = (year: string) => articles.filter((a) => a.date.startsWith(year));
const status = (p: Page = page) => p.locator("#search-status").textContent();
const headlines = (p: Page = page) => p.locator(".result-headline a").allTextContents();
const shownDates = () => page.locator(".result-meta time").evaluateAll((times) => times.map((t) => t.getAttribute("datetime")!));
/** The page marks its status busy while it searches; a finished search has said what it found. */
const settled = (p: Page = page) =>
  expect.poll(() => p.locator("#search-status").evaluate((s) => s.getAttribute("aria-busy") === null && s.textContent !== "")).toBe(true);

async function searchOn(site: SiteInBrowser, query: string): Promise<void> {
  await site.page.goto(`${site.server.url}/search/?${query}`);
  await settled(site.page);
}

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

describe("search over yearly periods", () => {
  it("writes one index per year, newest first, each in a folder named by its year", () => {
    expect(bundles).toEqual(["/pagefind-2018/", "/pagefind-2017/", "/pagefind-2016/", "/pagefind-2015/"]);
  });

  it("puts a headline from the oldest year first with nothing pressed, opening only that year", async () => {
    const fetched = await fetchedDuring(() => searchOn(sharded, `q=${encodeURIComponent(kennels.headline.toLowerCase())}`));
    expect(await headlines()).toEqual([kennels.headline]);
    expect(await status()).toBe(`1 article found for “${kennels.headline.toLowerCase()}”.`);
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.every((p) => p.startsWith("/pagefind-2015/"))).toBe(true);
  });

  it("says which words no article holds, and searches no index for them", async () => {
    const fetched = await fetchedDuring(() => searchOn(sharded, "q=qqzzx%20wbvvk"));
    expect(await status()).toBe("No articles found for “qqzzx wbvvk”: no article holds “qqzzx” or “wbvvk”.");
    expect(await headlines()).toEqual([]);
    expect(fetched.filter((p) => p.endsWith(".pf_index"))).toEqual([]);
  });

  it("leaves out a word no article holds, as one index of the archive does, and says so", async () => {
    const target = articles[13]!;
    const word = /zq\w+x/u.exec(target.paragraphs[1]!)![0];
    await searchOn(sharded, `q=${word}%20qqzzx`);
    expect(await headlines()).toEqual([target.headline]);
    expect(await status()).toBe(`1 article found for “${word} qqzzx”. No article holds “qqzzx”, so it is left out.`);
  });

  it("ranks a rare word's articles from every year as one index of the archive does", async () => {
    for (const query of [RARE, `${RARE} current`, `harbour ${RARE}`]) {
      await searchOn(sharded, `q=${encodeURIComponent(query)}`);
      await searchOn(single, `q=${encodeURIComponent(query)}`);
      const reference = await headlines(single.page);
      expect(reference.length).toBeGreaterThan(1);
      expect(await headlines()).toEqual(reference);
      expect(await status()).toBe(await status(single.page));
    }
  });

  it("never leaves out a period where one index of the archive finds a page, whatever the query", async () => {
    const router = await siteRouter(sharded.site.output);
    let n = 0;
    // A fixed walk through each article's words instead of a random one: the same queries every run.
    const pick = (length: number): number => n++ % length;
    const queries = articles.flatMap((a) => queriesOf(a.headline, [a.standfirst ?? "", a.dateline ?? "", ...a.paragraphs].join(" "), pick));
    expect(queries.length).toBeGreaterThan(400);
    const routed = await Promise.all(queries.map(async (query) => ({ query, routed: await router.route(query) })));
    // Routing narrows: most queries do not go to every period.
    expect(routed.filter((r) => r.routed.size < router.periods.length).length).toBeGreaterThan(queries.length / 2);
    await single.page.goto(`${single.server.url}/404.html`);
    expect(await missedPeriods(single.page, single.server.url, router.periods, routed)).toEqual([]);
  });

  it("opens only the periods a date range touches, and shows nothing outside it", async () => {
    const fetched = await fetchedDuring(() => searchOn(sharded, "q=officials&from=2016-03&to=2017-02-14"));
    const expected = articles.filter((a) => a.date >= "2016-03-01" && a.date <= "2017-02-14" && articleText(a).toLowerCase().includes("officials"));
    expect(expected.length).toBeGreaterThan(0);
    await readToTheEnd();
    expect((await shownDates()).sort()).toEqual(expected.map((a) => a.date).sort());
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.every((p) => p.startsWith("/pagefind-2016/") || p.startsWith("/pagefind-2017/"))).toBe(true);
    expect(await page.locator("#search-from").inputValue()).toBe("2016-03");
  });

  it("lists a search narrowed by section or dates alone newest first, and says how much it covers without speaking of words", async () => {
    // No words to rank by: the newest come first, period by period.
    for (const [query, kept] of [
      ["section=Weather", (a: (typeof articles)[number]) => a.section === "WEATHER"],
      ["from=2015-01", () => true],
    ] as const) {
      await searchOn(sharded, query);
      expect(await status(), query).toMatch(/^\d+ articles found(?: from .+ to .+; \d+ more date ranges? to search)?\.$/u);
      expect((await shownDates())[0], query).toBe(articles.filter(kept).map((a) => a.date).sort().at(-1));
      await readToTheEnd();
      expect(await status(), query).toBe(`${articles.filter(kept).length} articles found.`);
      const dates = await shownDates();
      expect(dates, query).toEqual([...dates].sort().reverse());
    }
  });

  it("bounds a query that every year holds, says how much of the archive it covers, and searches the rest on request", async () => {
    // Words of two letters stand for every word they begin: the directory only counts their pages,
    // as it does a common word's, so the page cannot know which periods hold the best matches.
    await searchOn(sharded, "q=of");
    // A quarter of the four years at once.
    expect(await status()).toMatch(/^\d+ articles found for “of” in the 1 date range likeliest to hold the best matches \(.+\) of the 4 that hold its words\. In the whole archive, up to \d+ articles hold “of”\.$/u);
    const firstCount = Number(/^(\d+)/u.exec((await status())!)![1]);
    await readToTheEnd();
    const all = Number(/^(\d+)/u.exec((await status())!)![1]);
    expect(all).toBeGreaterThan(firstCount);
    expect(await status()).toBe(`${all} articles found for “of”.`);
    await searchOn(single, "q=of");
    expect(await status(single.page)).toBe(`${all} articles found for “of”.`);
  });

  it("keeps the results on screen where they are as it searches more periods, and adds what those find below them", async () => {
    await searchOn(sharded, "q=of");
    let periodsSearched = 0;
    for (let presses = 0; presses < 20 && (await page.locator("#search-more").isVisible()); presses++) {
      const before = await headlines();
      if ((await page.locator("#search-more").textContent())!.startsWith("Search")) periodsSearched++;
      await page.locator("#search-more").click();
      await settled();
      const after = await headlines();
      expect(after.slice(0, before.length), `press ${presses + 1}`).toEqual(before);
      expect(after.length, `press ${presses + 1}`).toBeGreaterThanOrEqual(before.length);
    }
    // The query is in every year: the presses searched the three years the first screen left.
    expect(periodsSearched).toBeGreaterThan(0);
    await searchOn(single, "q=of");
    expect((await headlines()).length).toBe(Number(/^(\d+)/u.exec((await status(single.page))!)![1]));
  });

  it("orders newest first across every year as the reader asks for more", async () => {
    await searchOn(sharded, "q=officials&sort=newest");
    await readToTheEnd();
    const expected = articles.filter((a) => articleText(a).toLowerCase().includes("officials")).map((a) => a.date);
    // Several articles share a day, and Pagefind orders a day's articles as it likes: compare days.
    expect(await shownDates()).toEqual(expected.sort().reverse());
  });

  it("opens only the chosen year's index when a year is chosen", async () => {
    const fetched = await fetchedDuring(async () => {
      await searchOn(sharded, "q=officials&year=2016");
      await readToTheEnd();
    });
    const expected = inYear("2016").filter((a) => articleText(a).toLowerCase().includes("officials"));
    expect((await headlines()).sort()).toEqual(expected.map((a) => a.headline).sort());
    expect(await status()).toBe(`${expected.length} articles found for “officials”.`);
    expect(fetched.every((p) => p.startsWith("/pagefind-2016/"))).toBe(true);
  });

  it("shows results without moving what is below them", async () => {
    await page.goto(`${sharded.server.url}/search/`);
    await page.evaluate(() => {
      (window as unknown as { shifted: number }).shifted = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) (window as unknown as { shifted: number }).shifted += entry.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.locator("#search-q").fill("officials");
    await settled();
    await expect.poll(() => headlines().then((h) => h.length)).toBe(10);
    // Let the observer hear of any shift the results caused.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { shifted: number }).shifted)).toBeLessThan(0.01);
  });

  it("shows the body in an excerpt, not the headline and dateline", async () => {
    const target = articles.find((a) => a.dateline && a.headline.startsWith("Ferry"))!;
    await searchOn(sharded, `q=${encodeURIComponent(target.headline.toLowerCase())}`);
    const excerpt = await page.locator(".result-excerpt").first().textContent();
    expect(excerpt).not.toContain(target.headline);
    expect(excerpt).not.toContain(target.dateline!);
    expect(target.paragraphs.join(" ")).toContain(excerpt!.replace(/ …$/u, "").split(" ").slice(0, 6).join(" "));
  });

  it("says so when a period's index will not load, and searches again once the reader changes the query", async () => {
    // As when the site is deployed again under an open page: the oldest year's entry file is gone.
    const entry = path.join(sharded.site.output, "pagefind-2015", "pagefind-entry.json");
    await rename(entry, `${entry}.gone`);
    try {
      await searchOn(sharded, "q=officials&year=2015");
      expect(await status()).toMatch(/^The search could not finish \(.+\)\. Reload the page to try again\.$/u);
      await page.locator("#search-year").selectOption("2016");
      await settled();
      expect(await status()).toMatch(/^\d+ articles found for “officials”\.$/u);
    } finally {
      await rename(`${entry}.gone`, entry);
    }
  });
});
