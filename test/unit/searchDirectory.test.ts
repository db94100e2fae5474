import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { beginningKey, changesByFile, decodePages, directoryFiles, encodePages, fileNumberOf, parseEntry, patchFile, periodChanges, type PeriodChanges } from "../../src/search/directory.js";
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

/** A period's words as Pagefind would give them, from each page's words and headline words. */
function periodOf(pages: readonly { readonly words: readonly string[]; readonly title: readonly string[] }[]): PeriodWords {
  const words = new Map<string, number[]>();
  const titles = new Map<string, number[]>();
  pages.forEach((page, n) => {
    for (const w of new Set(page.words)) words.set(w, [...(words.get(w) ?? []), n]);
    for (const w of new Set(page.title)) titles.set(w, [...(titles.get(w) ?? []), n]);
  });
  return {
    pages: pages.length,
    length: pages.reduce((sum, p) => sum + p.words.length, 0),
    words: new Map([...words].map(([w, list]) => [w, list.length <= LISTED_MAX ? list : list.length])),
    titles,
  };
}

describe("a word directory changed in place", () => {
  // Few words, sharing beginnings, over few files: every kind of entry meets every other. Numbers
  // too: JavaScript puts keys that read as integers before the others, whatever their order.
  const vocabulary = ["oil", "oils", "opec", "o", "alcoa", "al", "declin", "dec", "trade", "tr", "£3", "überall", "1987", "3", "30"];
  const page = fc.record({ words: fc.subarray(vocabulary, { minLength: 1 }), title: fc.subarray(vocabulary, { maxLength: 3 }) });
  const FILES = 8;

  /** The directory made whole from `periods`: each file's text by number (a file with no entries is not written). */
  const whole = (periods: readonly PeriodWords[]): Map<number, string> => directoryFiles(periods, FILES);

  /** The files after the periods of `changes` (by number) take their new words, each patched from its text before, or "unpatchable". */
  function patched(before: Map<number, string>, changes: ReadonlyMap<number, PeriodChanges>): Map<number, string> | "unpatchable" {
    const after = new Map(before);
    for (const [file, keys] of changesByFile(changes, FILES)) {
      const result = patchFile(before.get(file) ?? null, keys);
      if (result.kind === "unpatchable") return "unpatchable";
      if (result.kind === "empty") after.delete(file);
      else after.set(file, result.text);
    }
    return after;
  }

  /** Whether some word counted before (the archive held it on too many pages to list) is listed after. */
  function listedAgain(before: Map<number, string>, after: Map<number, string>): boolean {
    const entries = (files: Map<number, string>) => new Map([...files.values()].flatMap((text) => Object.entries(JSON.parse(text) as Record<string, string>)));
    const was = entries(before);
    return [...entries(after)].some(([key, text]) => text.includes(":") && (was.get(key)?.includes("=") ?? false) && !key.startsWith(" "));
  }

  it("writes what the whole directory would, whichever periods gain, lose or change pages", () => {
    let unpatchable = 0;
    fc.assert(
      fc.property(
        fc.array(fc.array(page, { maxLength: 160 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.record({ period: fc.nat(), at: fc.nat(), page, drop: fc.boolean() }), { minLength: 1, maxLength: 6 }),
        (pagesOf, edits) => {
          const before = pagesOf.map(periodOf);
          const edited = pagesOf.map((pages) => [...pages]);
          for (const edit of edits) {
            const pages = edited[edit.period % edited.length]!;
            // An article added where Pagefind numbers it, so that the pages after it move up; or one taken out.
            if (edit.drop && pages.length > 0) pages.splice(edit.at % pages.length, 1);
            else pages.splice(edit.at % (pages.length + 1), 0, edit.page);
          }
          const after = edited.map(periodOf);
          const changes = new Map(after.flatMap((words, i) => (edits.some((e) => e.period % edited.length === i) ? [[i, periodChanges(before[i]!, words)] as const] : [])));
          const result = patched(whole(before), changes);
          if (result === "unpatchable") {
            unpatchable++;
            expect(listedAgain(whole(before), whole(after))).toBe(true);
          } else expect(result).toEqual(whole(after));
        },
      ),
      { numRuns: 300 },
    );
    // Only a word falling back under the listing threshold makes a file unpatchable: rare.
    expect(unpatchable).toBeLessThan(30);
  });

  it("counts a period it leaves alone by its pages, whatever the gaps between them, once a word is on too many pages to list", () => {
    // Gaps of 1, 31 (the largest one digit writes), 969 and 39,000 pages: one to four digits each.
    const old = period(50_000, { rare: [0, 31, 1_000, 40_000] });
    const listed = period(300, { rare: Array.from({ length: LISTED_MAX - 4 }, (_, n) => n) });
    const counted = period(300, { rare: 300 });
    const result = patched(whole([old, listed]), new Map([[1, periodChanges(listed, counted)]]));
    expect(result).toEqual(whole([old, counted]));
    expect([...(result as Map<number, string>).values()].join("\n")).toContain(`"rare":"0=4 1=${(300).toString(36)}"`);
  });

  it("lists a word's pages again when the archive holds it on few enough, or says it cannot", () => {
    let unpatchable = 0;
    let listed = 0;
    // "oil" on every page of two periods of 120 to 140: the archive's count hovers around LISTED_MAX.
    const periodPages = fc.integer({ min: 120, max: 140 }).chain((n) => fc.array(page.map((p) => ({ ...p, words: ["oil", ...p.words] })), { minLength: n, maxLength: n }));
    fc.assert(
      fc.property(fc.tuple(periodPages, periodPages), fc.integer({ min: -12, max: 12 }), (pagesOf, change) => {
        const before = pagesOf.map(periodOf);
        const edited = pagesOf.map((pages) => [...pages]);
        if (change < 0) edited[0]!.splice(0, -change);
        else edited[0]!.push(...Array.from({ length: change }, () => ({ words: ["oil"], title: [] })));
        const after = edited.map(periodOf);
        const result = patched(whole(before), new Map([[0, periodChanges(before[0]!, after[0]!)]]));
        if (result === "unpatchable") {
          unpatchable++;
          expect(listedAgain(whole(before), whole(after))).toBe(true);
        } else {
          if (JSON.parse(result.get(fileNumberOf("oil", FILES))!)["oil"].includes(":")) listed++;
          expect(result).toEqual(whole(after));
        }
      }),
      { numRuns: 200 },
    );
    // Both sides of the threshold were met.
    expect(unpatchable).toBeGreaterThan(0);
    expect(listed).toBeGreaterThan(0);
  });

  it("changes no key a period's words leave alone, and every key they change", () => {
    const before = periodOf([{ words: ["oil", "opec"], title: ["oil"] }, { words: ["oil", "trade"], title: [] }]);
    // A page added after the others: the pages before keep their numbers.
    const after = periodOf([{ words: ["oil", "opec"], title: ["oil"] }, { words: ["oil", "trade"], title: [] }, { words: ["alcoa"], title: ["alcoa"] }]);
    const changes = periodChanges(before, after);
    // " o" too: its words' pages add up to 3 (oil 2, opec 1), capped by the period's pages, 2 before.
    expect([...changes.keys()].sort()).toEqual([" a", " al", " o", "#alcoa", "alcoa"].sort());
    expect(changes.get("alcoa")).toEqual([2]);
    expect(changes.get(" o")).toBe(3);
    expect(periodChanges(after, before).get("alcoa")).toBeNull();
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
