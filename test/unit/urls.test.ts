import { describe, expect, it } from "vitest";
import { publish } from "../../src/archive/urls.js";
import type { Article } from "../../src/archive/article.js";
import { iso, parsed } from "./helpers.js";

const urlOf = (articles: readonly Article[], file: string): string | undefined => articles.find((a) => a.file === file)?.url;

describe("publish: URLs", () => {
  it("builds /section/yyyy/mm/dd/headline/", () => {
    const [a] = publish([
      parsed({
        file: "articles/moscow.txt",
        date: iso("2017-04-12"),
        sectionRaw: "SYRIAN CONFLICT",
        headline: "Tillerson and Lavrov meet in Moscow as US blasts Russia about Syria",
      }),
    ]);
    expect(a!.url).toBe("/syrian-conflict/2017/04/12/tillerson-and-lavrov-meet-in-moscow-as-us-blasts-russia-about-syria/");
  });

  it("keeps the zero in single-digit months and days", () => {
    const [a] = publish([parsed({ file: "a.txt", date: iso("2019-03-04"), sectionRaw: "WORLD", headline: "Ferry delayed" })]);
    expect(a!.url).toBe("/world/2019/03/04/ferry-delayed/");
  });

  it("keeps a section out of the site's own folders: a SEARCH desk's front is not the search page", () => {
    const articles = publish(["SEARCH", "TOPICS", "ASSETS", "ARCHIVE", "PAGEFIND", "PAGEFIND 1988", "PAGEFINDER"].map((sectionRaw, i) => parsed({ file: `${i}.txt`, sectionRaw })));
    expect(articles.map((a) => a.sectionSlug)).toEqual(["search-section", "topics-section", "assets-section", "archive-section", "pagefind-section", "pagefind-1988-section", "pagefinder"]);
    expect(articles[0]!.section).toBe("Search");
  });

  it("gives the display name and the slug of the section", () => {
    const [a] = publish([parsed({ file: "a.txt", sectionRaw: "MERGERS AND ACQUISITIONS" })]);
    expect(a!.section).toBe("Mergers and Acquisitions");
    expect(a!.sectionSlug).toBe("mergers-and-acquisitions");
    expect(a!.url).toMatch(/^\/mergers-and-acquisitions\//);
  });

  it("uses section name overrides for display", () => {
    const [a] = publish([parsed({ file: "a.txt", sectionRaw: "US ELECTIONS" })], { sectionNames: { "US ELECTIONS": "US Elections" } });
    expect(a!.section).toBe("US Elections");
    expect(a!.url).toMatch(/^\/us-elections\//);
  });

  it("keeps everything the parser read", () => {
    const input = parsed({ file: "a.txt", standfirst: "A standfirst", dateline: "Valletta", source: "Bloomberg", sources: ["Bloomberg"] });
    const [a] = publish([input]);
    expect(a).toMatchObject(input);
  });

  it("publishes nothing from nothing", () => {
    expect(publish([])).toEqual([]);
  });
});

describe("publish: URL collisions", () => {
  const same = (file: string) =>
    parsed({ file, date: iso("2019-03-14"), sectionRaw: "MALTA NEWS", headline: "Ferry terminal opening delayed" });
  const base = "/malta-news/2019/03/14/ferry-terminal-opening-delayed";

  it("keeps both articles, suffixing the later file path with -2", () => {
    const out = publish([same("articles/a.txt"), same("articles/b.txt")]);
    expect(out).toHaveLength(2);
    expect(urlOf(out, "articles/a.txt")).toBe(`${base}/`);
    expect(urlOf(out, "articles/b.txt")).toBe(`${base}-2/`);
  });

  it("numbers the copies, 1 for the first, as their URLs are suffixed", () => {
    const out = publish([same("articles/c.txt"), same("articles/a.txt"), same("articles/b.txt")]);
    expect(["articles/a.txt", "articles/b.txt", "articles/c.txt"].map((f) => out.find((a) => a.file === f)!.copy)).toEqual([1, 2, 3]);
    expect(publish([parsed({ file: "x.txt", headline: "Alone" })])[0]!.copy).toBe(1);
  });

  it("decides the suffix by file path, whatever the input order", () => {
    const out = publish([same("articles/b.txt"), same("articles/a.txt")]);
    expect(urlOf(out, "articles/a.txt")).toBe(`${base}/`);
    expect(urlOf(out, "articles/b.txt")).toBe(`${base}-2/`);
  });

  it("numbers three colliding articles -2 and -3 in path order", () => {
    const out = publish([same("articles/c.txt"), same("articles/a.txt"), same("articles/b.txt")]);
    expect(urlOf(out, "articles/a.txt")).toBe(`${base}/`);
    expect(urlOf(out, "articles/b.txt")).toBe(`${base}-2/`);
    expect(urlOf(out, "articles/c.txt")).toBe(`${base}-3/`);
  });

  it("gives every input order the same URLs", () => {
    const files = ["articles/a.txt", "articles/b.txt", "articles/c.txt", "articles/d.txt"];
    const expected = files.map((f) => [f, urlOf(publish(files.map(same)), f)]);
    expect(new Set(expected.map(([, url]) => url)).size).toBe(4);
    const orders = [[3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]];
    for (const order of orders) {
      const out = publish(order.map((i) => same(files[i]!)));
      expect(files.map((f) => [f, urlOf(out, f)])).toEqual(expected);
    }
  });

  it("treats headlines that slug alike as colliding", () => {
    const out = publish([
      parsed({ file: "a.txt", sectionRaw: "WORLD", headline: "Oil prices rise!" }),
      parsed({ file: "b.txt", sectionRaw: "WORLD", headline: "Oil prices rise" }),
    ]);
    expect(new Set(out.map((a) => a.url)).size).toBe(2);
    expect(urlOf(out, "b.txt")).toMatch(/-2\/$/);
  });

  it("does not suffix the same headline on another day", () => {
    const out = publish([
      parsed({ file: "a.txt", date: iso("2019-03-14"), headline: "Markets close higher" }),
      parsed({ file: "b.txt", date: iso("2019-03-15"), headline: "Markets close higher" }),
    ]);
    expect(out.map((a) => a.url).every((u) => u.endsWith("/markets-close-higher/"))).toBe(true);
  });

  it("does not suffix the same headline in another section", () => {
    const out = publish([
      parsed({ file: "a.txt", sectionRaw: "WORLD", headline: "Markets close higher" }),
      parsed({ file: "b.txt", sectionRaw: "BUSINESS", headline: "Markets close higher" }),
    ]);
    expect(out.map((a) => a.url).sort()).toEqual(["/business/2019/03/14/markets-close-higher/", "/world/2019/03/14/markets-close-higher/"]);
  });

  it("lets a headline that really ends in 2 keep its URL, and keeps every URL unique", () => {
    const out = publish([
      parsed({ file: "a.txt", sectionRaw: "WORLD", headline: "Budget vote" }),
      parsed({ file: "b.txt", sectionRaw: "WORLD", headline: "Budget vote" }),
      parsed({ file: "c.txt", sectionRaw: "WORLD", headline: "Budget vote 2" }),
    ]);
    expect(urlOf(out, "a.txt")).toBe("/world/2019/03/14/budget-vote/");
    expect(urlOf(out, "c.txt")).toBe("/world/2019/03/14/budget-vote-2/");
    expect(new Set(out.map((a) => a.url)).size).toBe(3);
  });
});
