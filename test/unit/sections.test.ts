import { describe, expect, it } from "vitest";
import { sectionFronts, sections } from "../../src/archive/sections.js";
import { publish } from "../../src/archive/urls.js";
import { iso, parsed } from "./helpers.js";

const day = (d: number): string => `2019-03-${String(d).padStart(2, "0")}`;

/** Five WORLD stories on 1-5 March, one BUSINESS story on 3 March. */
function sample() {
  return publish([
    ...[1, 2, 3, 4, 5].map((d) =>
      parsed({ file: `world/${d}.txt`, date: iso(day(d)), sectionRaw: "WORLD", headline: `World story of day ${d}` }),
    ),
    parsed({ file: "business/3.txt", date: iso(day(3)), sectionRaw: "BUSINESS", headline: "Business story" }),
  ]);
}

describe("sections", () => {
  it("groups articles by section, largest first", () => {
    const all = sections(sample());
    expect(all.map((s) => [s.name, s.count])).toEqual([
      ["World", 5],
      ["Business", 1],
    ]);
  });

  it("gives each section its slug and URL", () => {
    const [world] = sections(sample());
    expect(world).toMatchObject({ name: "World", slug: "world", url: "/world/" });
  });

  it("gives the first and last dates of a section", () => {
    const [world, business] = sections(sample());
    expect([world!.firstDate, world!.lastDate]).toEqual(["2019-03-01", "2019-03-05"]);
    expect([business!.firstDate, business!.lastDate]).toEqual(["2019-03-03", "2019-03-03"]);
  });

  it("lists a section's articles newest first, whatever the input order", () => {
    const [world] = sections([...sample()].reverse());
    expect(world!.articles.map((a) => a.date)).toEqual([day(5), day(4), day(3), day(2), day(1)]);
  });

  it("picks the three newest articles of a section for the home page", () => {
    const [world] = sections(sample());
    expect(world!.latest.map((a) => a.date)).toEqual([day(5), day(4), day(3)]);
  });

  it("orders sections of equal size by name", () => {
    const all = sections(
      publish([
        parsed({ file: "a.txt", sectionRaw: "WORLD" }),
        parsed({ file: "b.txt", sectionRaw: "BUSINESS" }),
        parsed({ file: "c.txt", sectionRaw: "ENERGY" }),
      ]),
    );
    expect(all.map((s) => s.name)).toEqual(["Business", "Energy", "World"]);
  });

  it("makes one section of two spellings that share a URL", () => {
    const all = sections(
      publish([
        parsed({ file: "a.txt", date: iso(day(1)), sectionRaw: "US ELECTIONS", headline: "Primary season opens" }),
        parsed({ file: "b.txt", date: iso(day(2)), sectionRaw: "US Elections", headline: "Turnout rises" }),
      ]),
    );
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ url: "/us-elections/", count: 2 });
  });

  it("gives no sections for no articles", () => {
    expect(sections([])).toEqual([]);
  });
});

describe("sectionFronts", () => {
  it("paginates each section under its own URL", () => {
    const fronts = sectionFronts(sections(sample()), 2);
    expect(fronts.map((f) => [f.section.name, f.url, f.items.length])).toEqual([
      ["World", "/world/", 3],
      ["World", "/world/page/1/", 2],
      ["Business", "/business/", 1],
    ]);
  });

  it("shows a section's newest articles on its first page", () => {
    const [first] = sectionFronts(sections(sample()), 2);
    expect(first!.items.map((a) => a.date)).toEqual([day(5), day(4), day(3)]);
  });

  it("counts the section on its front only, and leaves older pages as they were when news is added", () => {
    const world = (d: number) => parsed({ file: `world/${d}.txt`, date: iso(day(d)), sectionRaw: "WORLD", headline: `World story of day ${d}` });
    const days = (n: number) => Array.from({ length: n }, (_, i) => world(i + 1));
    // 21 stories in pages of 2: the front and pages 9 to 1. A 22nd, the newest, fills page 10.
    const before = sectionFronts(sections(publish(days(21))), 2);
    const after = sectionFronts(sections(publish(days(22))), 2);
    expect(after[0]!.about?.count).toBe(22);
    expect(after.slice(1).every((page) => page.about === null)).toBe(true);
    const byUrl = (fronts: typeof before) => new Map(fronts.map((page) => [page.url, JSON.stringify(page)]));
    const [was, is] = [byUrl(before), byUrl(after)];
    // Pages 1 to 6 are as they were, pager included; pages 7 to 9 keep their stories, and their
    // pagers now show page 10 (or a gap before it, after the front).
    for (let n = 1; n <= 6; n++) expect(is.get(`/world/page/${n}/`), `page ${n}`).toBe(was.get(`/world/page/${n}/`));
    for (const n of [7, 8, 9]) {
      expect(is.get(`/world/page/${n}/`)).not.toBe(was.get(`/world/page/${n}/`));
      const items = (json: string | undefined) => (JSON.parse(json ?? "{}") as { items?: unknown }).items;
      expect(items(is.get(`/world/page/${n}/`))).toEqual(items(was.get(`/world/page/${n}/`)));
    }
    expect(after.find((page) => page.url === "/world/page/10/")?.items.map((a) => a.date)).toEqual([day(20), day(19)]);
  });
});
