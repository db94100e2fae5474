import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeArchive } from "../support/fixtureArchive.js";
import { siteInBrowser, type SiteInBrowser } from "../support/siteInBrowser.js";
import { topicArticles } from "../support/topicArchive.js";

/**
 * The search page of a site with topics switched off (`BROADSHEET_TOPICS=false`), built from
 * articles that name topics when they are on: a search link within a topic, from before they were
 * switched off, says so instead of searching a name no article is filed under.
 */
let opened: SiteInBrowser;

beforeAll(async () => {
  opened = await siteInBrowser(await writeArchive(topicArticles()), { env: { BROADSHEET_TOPICS: "false" } });
});

afterAll(() => opened?.close());

describe("search on a site without topics", () => {
  it("says a topic in a link is no topic's, the archive having none, and asks for no list of topics", async () => {
    const { page, server } = opened;
    const asked: string[] = [];
    page.on("request", (request) => asked.push(new URL(request.url()).pathname));
    await page.goto(`${server.url}/search/?q=yen&topic=Bank+of+Japan`);
    expect(await page.locator("#search-topic").getAttribute("type")).toBe("hidden");
    await expect.poll(() => page.locator("#search-status").textContent()).toBe("No topic is named “Bank of Japan”. This archive has no topics.");
    expect(await page.locator(".result-headline a").allTextContents()).toEqual([]);
    expect(asked.filter((p) => p.startsWith("/topics/"))).toEqual([]);
  });
});
