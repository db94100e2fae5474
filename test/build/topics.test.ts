import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { HtmlValidate, type ConfigData } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { formatMatch, parseMatch, plainMatch } from "../../src/search/topicFilter.js";
import { buildSite, PROJECT, type BuiltSite } from "../support/buildSite.js";
import { articleText, writeArchive } from "../support/fixtureArchive.js";
import { checkLinks, formatBroken } from "../support/links.js";
import { buildErrors } from "../support/siteFiles.js";
import { siteTree, treeDifferences } from "../support/siteTree.js";
import { TOPIC_PAGES, topicArticles, type TopicFixture } from "../support/topicArchive.js";

const articles = topicArticles();
let site: BuiltSite;

beforeAll(async () => {
  site = await buildSite(await writeArchive(articles));
  expect(buildErrors(site.stderr)).toBe("");
  expect(site.code).toBe(0);
});

const headlinesOf = (html: string): string[] => [...html.matchAll(/<h3 class="teaser-headline"><a href="[^"]*">([^<]*)<\/a>/gu)].map((m) => m[1]!);
const expectedHeadlines = (name: string): string[] => articles.filter((a) => a.topics.includes(name)).map((a) => a.headline);

describe("topic pages", () => {
  it("list exactly the articles naming each topic, newest first, with its kind and count", async () => {
    for (const [name, { slug, kind }] of Object.entries(TOPIC_PAGES)) {
      const html = await site.page(`/topic/${slug}/`);
      const expected = articles.filter((a) => a.topics.includes(name)).sort((a, b) => (a.date < b.date ? 1 : -1));
      expect(headlinesOf(html), name).toEqual(expected.map((a) => a.headline));
      expect(html).toContain(`<h1>${name}</h1>`);
      expect(html).toContain({ person: "Person", place: "Place", organisation: "Organisation" }[kind]);
      expect(html).toContain(`Named in ${expected.length} articles`);
    }
  });

  it("draw a timeline of the topic's months, with no script", async () => {
    const html = await site.page("/topic/texaco/");
    // March, April, May (none), June (none), July 1987.
    expect([...html.matchAll(/<title>([^<]*)<\/title>/gu)].map((m) => m[1]).slice(1)).toEqual(["March 1987: 1 article", "April 1987: 1 article", "July 1987: 1 article"]);
    expect(html).toMatch(/<svg [^>]*viewBox="0 0 20 40"/u);
    expect(html).not.toMatch(/<script(?! type="application\/ld\+json")/u);
  });

  it("say what else the stories write the topic as, and nothing where they write it one way", async () => {
    // The fixture writes "U.S." and "United States" (test/support/topicArchive.ts).
    expect(await site.page("/topic/united-states/")).toContain("Also written “U.S.”");
    expect(await site.page("/topic/texaco/")).not.toContain("Also written");
  });

  it("give each month's count as text too, for a reader with no pointer to rest on a bar", async () => {
    const html = await site.page("/topic/texaco/");
    const figures = /<details class="timeline-figures">([\s\S]*?)<\/details>/u.exec(html)?.[1] ?? "";
    const rows = [...figures.matchAll(/<tr><th scope="row">([^<]*)<\/th><td>(\d+)<\/td><\/tr>/gu)].map((m) => [m[1], Number(m[2])]);
    expect(rows).toEqual([["March 1987", 1], ["April 1987", 1], ["July 1987", 1]]);
  });

  it("are listed by kind, A to Z, with their counts", async () => {
    const html = await site.page("/topics/organisations/");
    const rows = [...html.matchAll(/<th scope="row"><a href="\/topic\/([^/]+)\/">([^<]*)<\/a><\/th><td>(\d+)<\/td>/gu)].map((m) => [m[2], Number(m[3])]);
    expect(rows).toEqual([["Bank of Japan", 3], ["Texaco", 3]]);
    const b = await site.page("/topics/organisations/b/");
    expect(b).toContain(">Bank of Japan</a>");
    expect(b).not.toContain(">Texaco</a>");
    // People by surname: James Baker under B.
    expect(await site.page("/topics/people/b/")).toContain(">James Baker</a>");
    const topics = await site.page("/topics/");
    for (const { slug } of Object.values(TOPIC_PAGES)) expect(topics).toContain(`href="/topic/${slug}/"`);
    expect(topics).toContain("that at least 3 articles name");
  });

  it("are offered to the search page's topic field by name and count, largest first", async () => {
    const names = JSON.parse(await site.page("/topics/names.json")) as [string, number][];
    const expected = Object.keys(TOPIC_PAGES).map((name) => [name, expectedHeadlines(name).length]);
    expect(Object.fromEntries(names)).toEqual(Object.fromEntries(expected));
    expect(names.map(([, n]) => n)).toEqual(names.map(([, n]) => n).sort((a, b) => b - a));
    const search = await site.page("/search/");
    expect(search).toMatch(/<label for="search-topic">Topic<\/label>\s*<input id="search-topic" name="topic" type="text" list="search-topic-names"/u);
  });

  it("tell the search page how its index finds each topic: on the topic page's link, and in the list where not made from the name", async () => {
    const names = JSON.parse(await site.page("/topics/names.json")) as [string, number, string?][];
    let given = 0;
    for (const [name, , match] of names) {
      const html = await site.page(`/topic/${TOPIC_PAGES[name]!.slug}/`);
      const link = /href="\/search\/\?topic=[^"&]*&amp;in=([^"]*)"/u.exec(html)?.[1];
      expect(link, name).toBeDefined();
      const linked = parseMatch(decodeURIComponent(link!));
      expect(linked, name).not.toBeNull();
      // The list gives a match only where the page could not make it from the name.
      if (match !== undefined) given++;
      expect(match === undefined ? plainMatch(name) : parseMatch(match), name).toEqual(linked);
      expect(match === undefined || formatMatch(plainMatch(name)) !== match, name).toBe(true);
    }
    // James Baker's surname alone counts for him ("Baker said"): his match is given.
    expect(given).toBeGreaterThan(0);
  });

  it("are linked from the articles naming them, and named in their structured data", async () => {
    const story3 = articles.find((a) => a.file === "topics/story-3.txt")!;
    const html = await site.page(`/money/1987/03/02/baker-and-japan-discuss-the-yen/`);
    const nav = /<nav class="article-topics"[\s\S]*?<\/nav>/u.exec(html)![0];
    const linked = [...nav.matchAll(/<a href="\/topic\/([^/]+)\/">/gu)].map((m) => m[1]).sort();
    // The table's topics; not Japan, which the headline names but only two stories do.
    expect(linked).toEqual(story3.topics.map((t) => TOPIC_PAGES[t]!.slug).sort());
    const data = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/u.exec(html)![1]!) as { about?: { "@type": string; name: string }[]; mentions?: { name: string }[] };
    // Its lead (the headline, and its first line, which the format makes its standfirst) names
    // James Baker, Tokyo and the Bank of Japan: the article is about them, and mentions the rest.
    expect(data.about).toEqual([
      { "@type": "Person", name: "James Baker", url: "http://localhost:8080/topic/james-baker/" },
      { "@type": "Organization", name: "Bank of Japan", url: "http://localhost:8080/topic/bank-of-japan/" },
      { "@type": "Place", name: "Tokyo", url: "http://localhost:8080/topic/tokyo/" },
    ]);
    expect(data.mentions).toEqual([{ "@type": "Place", name: "United States", url: "http://localhost:8080/topic/united-states/" }]);
  });

  it("have an Atom and a JSON feed of the topic's articles, headlines only", async () => {
    const atom = new XMLParser({ ignoreAttributes: false }).parse(await site.page("/topic/james-baker/feed.xml")) as { feed: { title: string; entry: { title: string; content?: unknown }[] } };
    expect(atom.feed.title).toBe("James Baker · Broadsheet");
    expect(atom.feed.entry.map((e) => e.title)).toEqual(expectedHeadlines("James Baker").reverse());
    expect(atom.feed.entry.every((e) => e.content === undefined)).toBe(true);
    const json = JSON.parse(await site.page("/topic/james-baker/feed.json")) as { items: { title: string; content_text: string }[] };
    expect(json.items.map((i) => i.title)).toEqual(expectedHeadlines("James Baker").reverse());
    expect(json.items.every((i) => i.content_text.length > 0)).toBe(true);
  });

  it("link only to pages that exist, and are valid HTML", async () => {
    const report = await checkLinks(site.output);
    expect(formatBroken(report.broken)).toBe("");
    const config = JSON.parse(await readFile(path.join(PROJECT, ".htmlvalidate.json"), "utf8")) as ConfigData;
    const validator = new HtmlValidate(config);
    for (const page of ["/topics/", "/topics/people/", "/topics/people/b/", "/topic/james-baker/", "/money/1987/03/02/baker-and-japan-discuss-the-yen/", "/search/"]) {
      const result = await validator.validateString(await site.page(page), page);
      expect(result.results.flatMap((r) => r.messages.map((m) => `${page}: ${m.ruleId}: ${m.message}`))).toEqual([]);
    }
  });
});

describe("topics after a change", () => {
  it("are updated by a rebuild after an added, an edited and a removed article exactly as a clean build draws them", async () => {
    const dir = await writeArchive(articles);
    const cache = await mkdtemp(path.join(os.tmpdir(), "broadsheet-cache-"));
    const first = await buildSite(dir, { cache });
    expect(first.code).toBe(0);
    expect(existsSync(path.join(first.output, "topic/tokyo/index.html"))).toBe(true);

    // Added: a fourth story naming Texaco and James Baker.
    const added: TopicFixture = { ...articles[3]!, file: "topics/story-9.txt", date: "1987-08-03", headline: "Texaco pays its first dividend since the filing", paragraphs: ["Texaco Inc said on Monday it would pay a dividend, and Treasury Secretary James Baker welcomed the news."], topics: ["Texaco", "James Baker"] };
    await writeFile(path.join(dir, added.file), articleText(added));
    // Edited: story 8 no longer names Tokyo, which falls to two stories and is no topic.
    const edited = { ...articles[7]!, paragraphs: ["Texaco Inc reached an agreement with its banks on Wednesday.", "The Bank of Japan was not among the lenders, a spokesman said."] };
    await writeFile(path.join(dir, edited.file), articleText(edited));
    // Removed: story 6, one of Ronald Reagan's three.
    await rm(path.join(dir, "topics/story-6.txt"));

    const second = await buildSite(dir, { cache, output: first.output });
    expect(second.code).toBe(0);
    expect(existsSync(path.join(first.output, "topic/tokyo/index.html"))).toBe(false);
    expect(existsSync(path.join(first.output, "topic/ronald-reagan/index.html"))).toBe(false);
    expect(headlinesOf(await second.page("/topic/texaco/"))[0]).toBe(added.headline);
    const clean = await buildSite(dir);
    expect(treeDifferences(await siteTree(first.output), await siteTree(clean.output))).toEqual([]);
  });
});

describe("a site with topics switched off", () => {
  it("finds no names and has no topic pages, links or fields; switched on and off again, it draws what a clean build would", async () => {
    const dir = await writeArchive(articles);
    const cache = await mkdtemp(path.join(os.tmpdir(), "broadsheet-cache-"));
    const off = await buildSite(dir, { cache, env: { BROADSHEET_TOPICS: "false" } });
    expect(buildErrors(off.stderr)).toBe("");
    expect(off.code).toBe(0);
    const ofTopics = (f: string): boolean => f.startsWith("topic/") || f.startsWith("topics/");
    const files = [...(await siteTree(off.output)).keys()];
    expect(files.filter(ofTopics)).toEqual([]);
    // Every other page is still there (the search index's files are named by their contents,
    // which lose the topic filter), and nothing links to a page that is not.
    const pages = (list: string[]): string[] => list.filter((f) => !f.includes("pagefind"));
    expect(pages(files)).toEqual(pages([...(await siteTree(site.output)).keys()].filter((f) => !ofTopics(f))));
    expect(formatBroken((await checkLinks(off.output)).broken)).toBe("");
    expect(await off.page("/sitemap.xml")).not.toContain("/topics/");
    const story = await off.page("/money/1987/03/02/baker-and-japan-discuss-the-yen/");
    expect(story).not.toContain('class="article-topics"');
    expect(story).not.toContain(">Topics</a>");
    const data = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/u.exec(story)![1]!) as Record<string, unknown>;
    expect(data).not.toHaveProperty("about");
    expect(data).not.toHaveProperty("mentions");
    expect(await off.page("/search/")).not.toContain('<label for="search-topic">');

    // Switched on over the same output and cache: the names are found afresh, not taken as none
    // from the cache the build without topics left.
    const on = await buildSite(dir, { cache, output: off.output });
    expect(on.code).toBe(0);
    expect(treeDifferences(await siteTree(off.output), await siteTree(site.output))).toEqual([]);
    // And off again: the topics' pages go, the topics page among them, as in a clean build without.
    const offAgain = await buildSite(dir, { cache, output: off.output, env: { BROADSHEET_TOPICS: "false" } });
    expect(offAgain.code).toBe(0);
    const clean = await buildSite(dir, { env: { BROADSHEET_TOPICS: "false" } });
    expect(treeDifferences(await siteTree(off.output), await siteTree(clean.output))).toEqual([]);
  });
});
