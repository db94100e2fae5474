import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../support/buildSite.js";
import { fixtureArticles, writeArchive } from "../support/fixtureArchive.js";

// A desk may be called anything, the name of one of the site's own folders included.
describe("a section named like one of the site's own pages", () => {
  it("gets a front of its own, and the search and topics pages stay what they are", async () => {
    const [first, second] = fixtureArticles();
    const desks = [
      { ...first!, file: "desk-search.txt", section: "SEARCH", headline: "Divers resume the search for the missing trawler" },
      { ...second!, file: "desk-topics.txt", section: "TOPICS", headline: "Letters on the harbour tunnel" },
    ];
    const site = await buildSite(await writeArchive([...fixtureArticles(), ...desks]));
    expect(site.code, site.stderr).toBe(0);
    const page = (url: string): Promise<string> => readFile(path.join(site.output, url, "index.html"), "utf8");
    expect(await page("search")).toContain('id="search-form"');
    expect(await page("topics")).toContain("People, places and organisations");
    expect(await page("search-section")).toContain("Divers resume the search for the missing trawler");
    expect(await page("topics-section")).toContain("Letters on the harbour tunnel");
  });
});
