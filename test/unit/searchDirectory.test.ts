import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { beginningKey, decodePages, directoryFiles, encodePages, fileNumberOf, parseEntry } from "../../src/search/directory.js";
import { LISTED_MAX, type PeriodWords } from "../../src/search/periodWords.js";
import { matches, matchTerm, route, type DirectoryFile } from "../../src/search/routing.js";

const period = (pages: number, words: Record<string, number[] | number>, titles: Record<string, number[]> = {}): PeriodWords => ({
  pages,
  length: pages * 100,
  words: new Map(Object.entries(words)),
  titles: new Map(Object.entries(titles)),
});

/** Every file of a directory, as the page would fetch them, by the text whose file they are. */
function filesOf(periods: readonly PeriodWords[], fileCount = 16): (key: string) => DirectoryFile {
  const files = directoryFiles(periods, fileCount);
  return (key) => JSON.parse(files.get(fileNumberOf(key, fileCount)) ?? "{}") as DirectoryFile;
}

function match(term: string, periods: readonly PeriodWords[]) {
  const file = filesOf(periods);
  const loaded = new Map([term.slice(0, 3), term.slice(0, 1), term.slice(0, 2)].map((k) => [k, file(k)]));
  return matchTerm(term, loaded, periods.map((p) => p.pages));
}

describe("page lists in the word directory", () => {
  it("come back as they went in, whatever the gaps", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 200_000 })), (pages) => {
        const sorted = [...pages].sort((a, b) => a - b);
        expect(decodePages(encodePages(sorted))).toEqual(sorted);
      }),
    );
  });
});

describe("the word directory", () => {
  // Oldest first: period 0 is the oldest.
  const periods = [
    period(10, { alcoa: [3], oil: 7, declin: [1, 3, 8], us: 9 }),
    period(12, { oil: 11, declin: [2], opec: [4, 5], usa: [6] }, { opec: [5] }),
    period(8, { oil: 5, opec: [0], "£3": [2] }),
  ];

  it("keeps per period the pages of a rare word, and only a count for a common one", () => {
    const file = filesOf(periods);
    expect(parseEntry(file("alcoa")["alcoa"]!)).toEqual({ pages: 1, periods: new Map([[0, [3]]]) });
    expect(parseEntry(file("opec")["opec"]!).periods).toEqual(new Map([[1, [4, 5]], [2, [0]]]));
    const common = period(LISTED_MAX + 1, { oil: Array.from({ length: LISTED_MAX + 1 }, (_, i) => i) });
    expect(parseEntry(filesOf([common])("oil")["oil"]!)).toEqual({ pages: LISTED_MAX + 1, periods: new Map([[0, LISTED_MAX + 1]]) });
  });

  it("writes the same bytes whatever order the words came in", () => {
    const reversed = periods.map((p) => ({ ...p, words: new Map([...p.words].reverse()) }));
    expect(directoryFiles(reversed, 16)).toEqual(directoryFiles(periods, 16));
  });

  it("stands one entry for every word beginning with a prefix shorter than a file's key", () => {
    const entry = parseEntry(filesOf(periods)("us")[beginningKey("us")]!);
    expect([...entry.periods.keys()].sort()).toEqual([0, 1]);
  });

});

describe("routing a query to periods", () => {
  const periods = [
    period(10, { alcoa: [3], oil: 7, declin: [1, 3, 8], comment: 6 }),
    period(12, { oil: 11, declin: [2], alcoa: [9], comment: [1, 2, 3] }),
    period(8, { oil: 5, opec: [0], brexit: [4] }),
  ];
  const pages = periods.map((p) => p.pages);
  const terms = (...words: string[]) => words.map((w) => match(w, periods)).filter((m) => m !== null && m !== "fallback");

  it("opens only periods where one page holds all of the listed words", () => {
    // "alcoa" is in periods 0 and 1, but only in period 0 does a page hold "declin" too.
    expect([...route(terms("alcoa", "declin"), pages).keys()]).toEqual([0]);
    expect(route(terms("alcoa", "declin"), pages).get(0)).toMatchObject({ pages: 1, exact: true });
  });

  it("tells the periods with a page whose headline holds every word", () => {
    const titled = [period(10, { oil: 7, alcoa: [3, 4] }, { alcoa: [4], oil: [4] }), period(10, { oil: 7, alcoa: [1] }, { oil: [1, 2] })];
    const held = ["alcoa", "oil"].map((w) => match(w, titled)).filter((m) => m !== null && m !== "fallback");
    const routed = route(held, [10, 10]);
    expect(routed.get(0)).toMatchObject({ titled: 1, exact: false });
    // Headline pages are listed however many: "oil" heads more pages than any word's list holds.
    const many = Array.from({ length: LISTED_MAX + 1 }, (_, i) => i);
    const common = [period(LISTED_MAX + 1, { oil: many, alcoa: [7] }, { oil: many, alcoa: [7] })];
    const both = ["alcoa", "oil"].map((w) => match(w, common)).filter((m) => m !== null && m !== "fallback");
    expect(route(both, [LISTED_MAX + 1]).get(0)).toMatchObject({ pages: 1, titled: 1, exact: false });
    expect(routed.get(1)).toMatchObject({ titled: 0 });
  });

  it("keeps a period whose count for a common word cannot rule it out", () => {
    expect([...route(terms("oil", "alcoa"), pages).keys()].sort()).toEqual([0, 1]);
  });

  it("matches a word typed halfway, and falls back to the longest word it begins with", () => {
    expect(match("opec", periods)).toMatchObject({ words: ["opec"], fallback: null });
    expect(match("decl", periods)).toMatchObject({ words: ["declin"] });
    expect(match("brexitzzz", periods)).toMatchObject({ words: ["brexit"], fallback: "brexit" });
    expect(match("qqzzx", periods)).toBeNull();
  });

  it("says a page matches only if it matched every term the archive holds", () => {
    const both = terms("alcoa", "declin");
    expect(matches(both, ["alcoa", "declin"])).toBe(true);
    // A period without "alcoa" makes Pagefind drop it: such a page is not an answer.
    expect(matches(both, ["declin"])).toBe(false);
    const fallback = terms("brexitzzz");
    expect(matches(fallback, ["brexit"])).toBe(true);
    expect(matches(fallback, ["brex"])).toBe(false);
  });

  it("never rules out a period that holds a page with every word", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.subarray(["oil", "opec", "alcoa", "declin", "comment", "trade"], { minLength: 1 }), { minLength: 1, maxLength: 300 }), { minLength: 1, maxLength: 4 }),
        fc.subarray(["oil", "opec", "alcoa", "declin", "comment", "trade"], { minLength: 1, maxLength: 3 }),
        (periodPages, query) => {
          const built = periodPages.map((ps) => {
            const words: Record<string, number[]> = {};
            ps.forEach((pageWords, page) => pageWords.forEach((w) => (words[w] ??= []).push(page)));
            const shown: Record<string, number[] | number> = Object.fromEntries(Object.entries(words).map(([w, list]) => [w, list.length <= LISTED_MAX ? list : list.length]));
            return period(ps.length, shown);
          });
          const held = query.map((w) => match(w, built)).filter((m) => m !== null && m !== "fallback");
          const routed = route(held, built.map((p) => p.pages));
          const present = query.filter((w) => built.some((p) => p.words.has(w)));
          periodPages.forEach((ps, i) => {
            if (present.length > 0 && ps.some((pageWords) => present.every((w) => pageWords.includes(w)))) expect(routed.has(i)).toBe(true);
          });
        },
      ),
    );
  });
});
