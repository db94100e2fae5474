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
      ["World", "/world/", 2],
      ["World", "/world/page/2/", 2],
      ["World", "/world/page/3/", 1],
      ["Business", "/business/", 1],
    ]);
  });

  it("shows a section's newest articles on its first page", () => {
    const [first] = sectionFronts(sections(sample()), 2);
    expect(first!.items.map((a) => a.date)).toEqual([day(5), day(4)]);
  });

  it("counts the section on its first page only, so an older article leaves the newer pages as they were", () => {
    const world = (d: number) => parsed({ file: `world/${d}.txt`, date: iso(day(d)), sectionRaw: "WORLD", headline: `World story of day ${d}` });
    const before = sectionFronts(sections(publish([1, 3, 5, 6, 7].map(world))), 2);
    const after = sectionFronts(sections(publish([1, 2, 3, 5, 6, 7].map(world))), 2);
    expect(after[0]!.about?.count).toBe(6);
    expect(after.slice(1).every((page) => page.about === null)).toBe(true);
    // Day 2 lands on the last page: page 2 (days 5 and 3) is as it was; page 1 counts it.
    const same = after.map((page, i) => JSON.stringify(page) === JSON.stringify(before[i]));
    expect(same).toEqual([false, true, false]);
  });
});
