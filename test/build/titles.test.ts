import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, type BuiltSite } from "../support/buildSite.js";
import { fixtureArticles, writeArchive, type FixtureArticle } from "../support/fixtureArchive.js";
import { elements, htmlText, metaContent, siteFiles, siteJson } from "../support/siteFiles.js";

/*
 * What a search engine and a browser's tabs and history show of each page: its title and its
 * description. The wire repeats headlines (a weekly report, a story sent twice in a day), and an
 * archive has thousands of listing pages: each page must still say which it is.
 */

const repeated = (file: string, date: string, topic: string): FixtureArticle => ({
  file,
  date,
  section: "HARBOUR NEWS",
  headline: "Harbour pilots report calm seas",
  paragraphs: [`The ${topic} held all week, pilots said, and every ship due was brought in on time.`, "The next report is due in seven days."],
  source: "Reuters",
});
// The same headline a week later, and sent twice on one day.
const REPEATS = [repeated("repeat/a.txt", "2016-06-01", "calm"), repeated("repeat/b.txt", "2016-06-08", "fair weather"), repeated("repeat/c.txt", "2016-06-08", "light wind")];

let site: BuiltSite;
let html: Map<string, string>;

beforeAll(async () => {
  site = await buildSite(await writeArchive([...fixtureArticles(), ...REPEATS]));
  expect(site.code).toBe(0);
  const files = (await siteFiles(site.output)).filter((f) => f.endsWith(".html"));
  html = new Map(await Promise.all(files.map(async (f) => [f, await readFile(path.join(site.output, f), "utf8")] as const)));
});

describe("every page", () => {
  it("has a title no other page has, repeated headlines included", () => {
    const byTitle = new Map<string, string[]>();
    for (const [file, text] of html) {
      const title = htmlText(elements(text, "title")[0] ?? "");
      byTitle.set(title, [...(byTitle.get(title) ?? []), file]);
    }
    expect([...byTitle].filter(([, list]) => list.length > 1)).toEqual([]);
    // The three repeats are told apart by their titles, each opening with the headline.
    const repeats = [...html].filter(([file]) => file.includes("/harbour-pilots-report-calm-seas"));
    expect(repeats).toHaveLength(3);
    for (const [, text] of repeats) expect(htmlText(elements(text, "title")[0] ?? "")).toMatch(/^Harbour pilots report calm seas\b/u);
  });

  it("describes itself, every page but the home page and the 404 page, rather than the site", async () => {
    const settings = await siteJson();
    const generic = [...html].filter(([file]) => !["/index.html", "/404.html"].includes(file) && metaContent(html.get(file)!, "description") === settings.description);
    expect(generic.map(([file]) => file)).toEqual([]);
  });

  it("gives an article's description once, and Open Graph's, not a third time for Twitter", () => {
    const [, page] = [...html].find(([file]) => file.includes("/harbour-pilots-report-calm-seas/"))!;
    const description = metaContent(page, "description")!;
    expect(description.length).toBeGreaterThan(0);
    expect(page.split(`content="${description}"`).length - 1).toBe(2);
  });
});
