import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { axeViolations, describeViolations } from "../support/axeCheck.js";
import { writeArchive } from "../support/fixtureArchive.js";
import { siteInBrowser, type SiteInBrowser } from "../support/siteInBrowser.js";
import { TOPIC_PAGES, topicArticles } from "../support/topicArchive.js";

const articles = topicArticles();
const POLL = { timeout: 15_000 };
let opened: SiteInBrowser;
let page: Page;

beforeAll(async () => {
  opened = await siteInBrowser(await writeArchive(articles));
  page = opened.page;
});

afterAll(() => opened?.close());

const headlines = async (): Promise<string[]> => (await page.locator(".result-headline a").allTextContents()).sort();
const naming = (topic: string, word?: string): string[] =>
  articles
    .filter((a) => a.topics.includes(topic) && (!word || [a.headline, ...a.paragraphs].join(" ").includes(word)))
    .map((a) => a.headline)
    .sort();

describe("searching within a topic", () => {
  it("is one click from the topic's page, and finds only the topic's articles", async () => {
    await page.goto(`${opened.server.url}/topic/texaco/`);
    await page.getByRole("link", { name: "Search within Texaco" }).click();
    await expect.poll(headlines, POLL).toEqual(naming("Texaco"));
    expect(await page.locator("#search-topic-note").textContent()).toContain("Within the topic Texaco");
    // Stories 2 and 5 say "Tuesday"; only story 5 names Texaco.
    await page.locator("#search-q").fill("Tuesday");
    await expect.poll(headlines, POLL).toEqual(naming("Texaco", "Tuesday"));
    expect(naming("Texaco", "Tuesday")).toHaveLength(1);
    await expect.poll(() => page.evaluate(() => location.search), POLL).toBe("?q=Tuesday&topic=Texaco");
  });

  it("can be left for the whole archive", async () => {
    await page.goto(`${opened.server.url}/search/?q=Tuesday&topic=Texaco`);
    await expect.poll(headlines, POLL).toEqual(naming("Texaco", "Tuesday"));
    await page.getByRole("button", { name: "Search every article" }).click();
    const everywhere = articles.filter((a) => [a.headline, ...a.paragraphs].join(" ").includes("Tuesday")).map((a) => a.headline).sort();
    expect(everywhere.length).toBeGreaterThan(1);
    await expect.poll(headlines, POLL).toEqual(everywhere);
    expect(await page.locator("#search-topic-note").isHidden()).toBe(true);
  });
});

describe("a topic in a search link", () => {
  it("is found in any capitals, and one no topic has is said to be no topic's", async () => {
    await page.goto(`${opened.server.url}/search/?q=Tuesday&topic=texaco`);
    await expect.poll(headlines, POLL).toEqual(naming("Texaco", "Tuesday"));
    await expect.poll(() => page.locator("#search-topic-note").textContent(), POLL).toContain("Within the topic Texaco");
    await expect.poll(() => page.evaluate(() => location.search), POLL).toBe("?q=Tuesday&topic=Texaco");

    await page.goto(`${opened.server.url}/search/?q=Tuesday&topic=Nobody+Atall`);
    await expect.poll(() => page.locator("#search-status").textContent(), POLL).toContain("No topic is named “Nobody Atall”");
    expect(await headlines()).toEqual([]);
    expect(await page.locator("#search-topic-note").isHidden()).toBe(true);
  });
});

describe("the search page's topic field", () => {
  it("narrows the results to a topic picked by name, and refuses a name that is no topic", async () => {
    await page.goto(`${opened.server.url}/search/?q=Tuesday`);
    const everywhere = articles.filter((a) => [a.headline, ...a.paragraphs].join(" ").includes("Tuesday")).map((a) => a.headline).sort();
    await expect.poll(headlines, POLL).toEqual(everywhere);
    const field = page.getByLabel("Topic", { exact: true });
    // Typed in other letters than the topic's: the list's name is the one searched.
    await field.fill("texaco");
    await field.press("Enter");
    await expect.poll(headlines, POLL).toEqual(naming("Texaco", "Tuesday"));
    await expect.poll(() => page.evaluate(() => location.search), POLL).toBe("?q=Tuesday&topic=Texaco");
    expect(await field.inputValue()).toBe("Texaco");
    expect(await page.locator("#search-topic-note").textContent()).toContain("Within the topic Texaco");
    // The field offers every topic once it is used.
    expect(await page.locator("#search-topic-names option").count()).toBe(Object.keys(TOPIC_PAGES).length);

    await field.fill("Nobody Atall");
    await field.press("Tab");
    await expect.poll(() => field.evaluate((el) => (el as HTMLInputElement).validationMessage), POLL).toContain("No topic of that name");
    // The results stay those of the topic last picked.
    expect(await headlines()).toEqual(naming("Texaco", "Tuesday"));
    await field.fill("");
    await field.press("Tab");
    await expect.poll(headlines, POLL).toEqual(everywhere);
    expect(await page.locator("#search-topic-note").isHidden()).toBe(true);
  });
});

describe("topic pages in a browser", () => {
  it("pass axe's accessibility checks, as do the topic indexes, an article's topic links and the search page's topic field", async () => {
    for (const path of ["/topics/", "/topics/people/", "/topics/people/b/", "/topic/james-baker/", "/money/1987/03/02/baker-and-japan-discuss-the-yen/", "/search/?q=Tuesday&topic=Texaco"]) {
      await page.goto(`${opened.server.url}${path}`);
      const violations = await axeViolations(page);
      expect(describeViolations(violations), path).toBe("");
    }
  });
});
