import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, PROJECT, type BuiltSite } from "../support/buildSite.js";
import { articleText, fixtureArticles, writeArchive, type FixtureArticle } from "../support/fixtureArchive.js";
import { buildErrors } from "../support/siteFiles.js";

const articles = fixtureArticles();
let site: BuiltSite;

/** Finds the written page of a fixture article by its headline, wherever its URL puts it. */
async function pageOf(a: FixtureArticle): Promise<string> {
  const [y, m, d] = a.date.split("-");
  const dir = path.join(site.output, a.section.toLowerCase().replace(/\s+/gu, "-"), y!, m!, d!);
  const [slug] = await readdir(dir);
  return readFile(path.join(dir, slug!, "index.html"), "utf8");
}

beforeAll(async () => {
  // The seed article rides along, with a markup-laden headline to prove escaping.
  const seed = await readFile(path.join(PROJECT, "articles/000_2b75a7af945c25a9.txt"), "utf8");
  const ticker = " date 2016-03-03 HARBOUR NEWS\nSTANDARD HARBOUR <SHB> TO BUY <script>alert(1)</script> TUGS\nHarbour board said it would buy two tugs.\nStaff Writer\n";
  const dir = await writeArchive(articles, { "seed/seed.txt": seed, "ticker.txt": ticker });
  site = await buildSite(dir);
  expect(buildErrors(site.stderr)).toBe("");
  expect(site.code).toBe(0);
});

describe("the build", () => {
  it("writes the seed article at its URL with all its parts", async () => {
    const html = await site.page("/syrian-conflict/2017/04/12/tillerson-and-lavrov-meet-in-moscow-as-us-blasts-russia-about-syria/");
    expect(html).toContain("<h1 class=\"headline\">Tillerson and Lavrov meet in Moscow as US blasts Russia about Syria</h1>");
    expect(html).toMatch(/<p class="standfirst">Russia is resolute about rebels using sarin gas/u);
    expect(html).toMatch(/<time datetime="2017-04-12">Wednesday, April 12, 2017<\/time>/u);
    expect(html).toMatch(/<span class="dateline">Moscow<\/span> — US Secretary of State/u);
    expect(html).toMatch(/<h2 class="crosshead" id="chemical-attack">/u);
    expect(html).toMatch(/<p class="credit"><a href="\/source\/bloomberg\/">Bloomberg<\/a><\/p>/u);
    expect(html).not.toContain("Please login or register");
    expect(html).toMatch(/<a href="\/syrian-conflict\/">Syrian Conflict<\/a>/u);
    expect(html).toMatch(/<article[\s>]/u);
  });

  it("writes one page per article, each with its own headline", async () => {
    for (const a of articles) {
      const html = await pageOf(a);
      expect(html).toContain(a.headline);
      for (const p of a.paragraphs) expect(html).toContain(p.replace(/'/gu, "&#39;"));
      const credit = /<p class="credit">(.*?)<\/p>/u.exec(html)?.[1]?.replace(/<[^>]+>/gu, "");
      expect(credit).toBe(a.source);
    }
  });

  it("shows markup in a headline as text, never as markup", async () => {
    const html = await site.page("/harbour-news/2016/03/03/standard-harbour-shb-to-buy-script-alert-1-script-tugs/");
    expect(html).toContain("STANDARD HARBOUR &lt;SHB&gt; TO BUY &lt;script&gt;alert(1)&lt;/script&gt; TUGS");
    expect(html).not.toContain("<script>alert(1)</script>");
  });

  it("writes a section front for every section, newest first, paginated by 30", async () => {
    const sections = new Set(articles.map((a) => a.section));
    for (const section of sections) {
      const slug = section.toLowerCase().replace(/\s+/gu, "-");
      const html = await site.page(`/${slug}/`);
      const expected = articles
        .filter((a) => a.section === section)
        .sort((a, b) => (a.date < b.date ? 1 : -1))
        .map((a) => a.headline);
      const listed = [...html.matchAll(/<h2 class="teaser-headline"><a href="[^"]+">([^<]+)<\/a>/gu)].map((m) => m[1]);
      // Harbour News also holds the ticker article.
      expect(listed.filter((h) => expected.includes(h!))).toEqual(expected);
    }
    const front = await site.page("/us-elections/");
    expect(front).toContain("<h1>US Elections</h1>"); // the override in _data/site.json
  });

  it("links the home page to every section with its count", async () => {
    const html = await site.page("/");
    const count = (name: string) => new RegExp(`>${name}</a> <span class="count">(\\d+)<`, "u").exec(html)?.[1];
    expect(count("Syrian Conflict")).toBe("1");
    expect(count("City Council")).toBe("9");
    expect(count("Harbour News")).toBe("10");
  });

  it("shows the lead, then the latest headlines, on the home page; with one article, no empty Latest under its lead", async () => {
    const latest = (html: string) => /<h2 id="latest-heading"[^>]*>Latest<\/h2>\s*<ol class="article-list">([\s\S]*?)<\/ol>/u.exec(html)?.[1];
    const home = await site.page("/");
    expect(home).toContain('id="lead-heading"');
    expect(latest(home)?.match(/<li class="teaser">/gu)?.length).toBeGreaterThan(0);

    // The sample archive of a fresh clone: its one article is the lead, and nothing else is news.
    const seed = await readFile(path.join(PROJECT, "articles/000_2b75a7af945c25a9.txt"), "utf8");
    const one = await buildSite(await writeArchive([], { "seed.txt": seed }));
    expect(one.code).toBe(0);
    const alone = await one.page("/");
    expect(alone).toContain('id="lead-heading"');
    expect(alone).not.toContain("Latest");
  });

  it("writes a search index and a search page that loads it", async () => {
    const entry = JSON.parse(await readFile(path.join(site.output, "pagefind/pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
    const pages = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    expect(pages).toBe(articles.length + 2);
    const search = await site.page("/search/");
    expect(search).toContain('data-bundles="/pagefind/"');
  });

  it("ends with a summary that counts what went in and what came out", () => {
    expect(site.stdout).toContain(`read ${articles.length + 2} files: ${articles.length + 2} articles published, 0 rejected`);
    expect(site.stdout).toMatch(new RegExp(`article ${articles.length + 2}\\b`, "u"));
  });
});

describe("a build with bad articles", () => {
  it("fails in strict mode, listing every bad file as path:line: message", async () => {
    const dir = await writeArchive(articles.slice(0, 3), {
      "bad/date.txt": "date 2017-02-30 WEATHER\nHeadline\nBody text.\n",
      "bad/empty.txt": "",
      "bad/headline-only.txt": "date 2017-02-03 WEATHER\nJust a headline\n",
    });
    const result = await buildSite(dir);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/bad\/date\.txt:1: invalid date "2017-02-30"/u);
    expect(result.stderr).toMatch(/bad\/empty\.txt:1: empty file/u);
    expect(result.stderr).toMatch(/bad\/headline-only\.txt:2: no body/u);
    expect(result.stderr).toContain("3 article files rejected");
  });

  it("publishes the good ones with --lenient and counts the rejects", async () => {
    const dir = await writeArchive(articles.slice(0, 3), { "bad/date.txt": "date 2017-02-30 WEATHER\nHeadline\nBody text.\n" });
    const result = await buildSite(dir, { args: ["--lenient"] });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/bad\/date\.txt:1: invalid date/u);
    expect(result.stdout).toContain("read 4 files: 3 articles published, 1 rejected");
  });
});

describe("the search page's menus", () => {
  it("list sections and sources A to Z whatever their capitals", async () => {
    // Wire desks named in codes ("HK", "CPU") beside words: a case-sensitive sort put every code first.
    const desks = ["HEAT", "HK", "CARCASS", "CPU"].map((section, i) =>
      articleText({ file: `${i}.txt`, date: `2017-03-0${i + 1}`, section, headline: `Desk report ${i}`, paragraphs: ["Figures were steady."], source: ["Reuters", "AP", "bloomberg", "Dow Jones"][i] }),
    );
    const result = await buildSite(await writeArchive([], Object.fromEntries(desks.map((text, i) => [`${i}.txt`, text]))));
    expect(result.code).toBe(0);
    const search = await result.page("/search/");
    const options = (menu: string) => [...search.split(`<select id="search-${menu}"`)[1]!.split("</select>")[0]!.matchAll(/<option value="([^"]+)"/gu)].map((m) => m[1]);
    expect(options("section")).toEqual(["Carcass", "CPU", "Heat", "HK"]);
    expect(options("source")).toEqual(["AP", "bloomberg", "Dow Jones", "Reuters"]);
  });
});
