import { describe, expect, it } from "vitest";
import { publishArchive } from "../../src/archive/archive.js";
import { homeFront, LATEST_ON_HOME, SECTIONS_ON_HOME } from "../../src/archive/front.js";
import { sections } from "../../src/archive/sections.js";
import { iso, parsed } from "./helpers.js";

const story = (file: string, date: string, section: string, headline: string, words = 100) =>
  parsed({ file, date: iso(date), sectionRaw: section, headline, words });

function front(list: ReturnType<typeof story>[]) {
  const articles = publishArchive(list, {});
  return homeFront(articles, sections(articles));
}

describe("the home page's lead", () => {
  it("is the longest article of the newest day, not the first by name", () => {
    const home = front([
      story("a.txt", "2019-03-14", "ALUMINIUM", "Aluminium price unchanged", 40),
      story("b.txt", "2019-03-14", "TRADE", "Trade talks collapse after a night of argument", 900),
      story("c.txt", "2019-03-14", "COFFEE", "Coffee quotas set", 120),
      story("d.txt", "2019-03-13", "GOLD", "A long report of the day before", 5000),
    ]);
    expect(home.lead?.headline).toBe("Trade talks collapse after a night of argument");
    expect(home.latest.map((t) => t.headline)).not.toContain(home.lead?.headline);
  });
});

describe("the home page's latest headlines", () => {
  it("are the day's last files first, as a wire numbers them, whatever their sections", () => {
    // A day of the wire: files numbered as sent, sections in every order.
    const desks = ["ALUMINIUM", "COCOA", "GENERAL NEWS", "BARLEY", "ZINC", "GENERAL NEWS", "COFFEE"];
    const day = Array.from({ length: LATEST_ON_HOME + 5 }, (_, i) => story(`${String(100 + i)}_x.txt`, "2019-03-14", desks[i % desks.length]!, `Story number ${i}`));
    const home = front([story("099_lead.txt", "2019-03-14", "TRADE", "The lead", 900), ...day]);
    const expected = day.slice(-LATEST_ON_HOME).reverse().map((a) => a.headline);
    expect(home.latest.map((t) => t.headline)).toEqual(expected);
  });

  it("show a headline the wire repeated once, its newest copy", () => {
    const home = front([
      story("lead.txt", "2019-03-15", "TRADE", "The lead", 900),
      story("a1.txt", "2019-03-14", "GRAIN", "Wheat tender results"),
      story("a2.txt", "2019-03-14", "GRAIN", "WHEAT TENDER  RESULTS"),
      story("a3.txt", "2019-03-12", "GRAIN", "Wheat tender results"),
      story("b.txt", "2019-03-13", "GOLD", "Gold steady"),
    ]);
    expect(home.latest.map((t) => t.headline.toLowerCase().replace(/\s+/gu, " "))).toEqual(["wheat tender results", "gold steady"]);
    expect(home.latest[0]!.date).toBe("2019-03-14");
  });

  it("are at most LATEST_ON_HOME", () => {
    const many = Array.from({ length: 60 }, (_, i) => story(`${i}.txt`, `2019-03-${String(1 + (i % 28)).padStart(2, "0")}`, "WORLD", `Story ${i}`));
    expect(front(many).latest).toHaveLength(LATEST_ON_HOME);
  });
});

describe("the home page's sections", () => {
  it("are the dozen busiest over the last 30 days, however many the archive has", () => {
    // 40 sections: the old ones are large, the recent ones small but busy now.
    const list = [
      ...Array.from({ length: 30 }, (_, s) => Array.from({ length: 50 }, (_, i) => story(`old/${s}/${i}.txt`, "2010-01-01", `OLD ${s}`, `Old ${s} ${i}`))).flat(),
      ...Array.from({ length: 10 }, (_, s) => Array.from({ length: 1 + s }, (_, i) => story(`new/${s}/${i}.txt`, "2019-03-14", `NEW ${s}`, `New ${s} ${i}`))).flat(),
    ];
    const home = front(list);
    expect(home.sectionCount).toBe(40);
    expect(home.sections).toHaveLength(SECTIONS_ON_HOME);
    // The ten busy now first, busiest first, then the largest of the rest.
    expect(home.sections.slice(0, 10).map((s) => s.section.name)).toEqual(Array.from({ length: 10 }, (_, s) => `New ${9 - s}`));
    expect(home.sections.slice(10).every((s) => s.recent === 0 && s.section.count === 50)).toBe(true);
  });
});
