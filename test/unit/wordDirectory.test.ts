import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDirectoryWords, directoryFileCount, directoryFiles, EVERY_PERIOD, fileNumberOf, updatedFile, wordChanges } from "../../src/archive/wordDirectory.js";

/** Files enough that these tests' few words rarely share one, and few enough that some do. */
const FILES = 16;

const wordsOf = (text: string): string[] => {
  const words = new Set<string>();
  addDirectoryWords(text, words);
  return [...words].sort();
};

/** The directory's files read back: every word with the periods (indices) holding it, or "every". */
function readBack(files: Map<number, string>, periods: number): Map<string, number[] | "every"> {
  const all = new Map<string, number[] | "every">();
  for (const [number, text] of files) {
    for (const [word, mask] of Object.entries(JSON.parse(text) as Record<string, string>)) {
      expect(fileNumberOf(word, FILES)).toBe(number);
      all.set(word, mask === EVERY_PERIOD ? "every" : [...Array(periods).keys()].filter((i) => (BigInt(`0x${mask}`) >> BigInt(i)) & 1n));
    }
  }
  return all;
}

describe("the word directory's words", () => {
  it("lower-cases, takes accents off and drops punctuation inside a word, as Pagefind does", () => {
    expect(wordsOf("Café Société: officials said the U.S.A. reopened.")).toEqual(["cafe", "officials", "reopened", "said", "societe", "the", "usa"]);
  });

  it("finds the same words in plain ASCII text as in text with one accented word more", () => {
    const text = "U.S.A. officials' long-running talks on F-16s, 1,200 km away (said Reuters).";
    expect(wordsOf(`${text} Société`)).toEqual([...wordsOf(text), "societe"].sort());
  });

  it("keeps a word with punctuation inside whole and in its parts", () => {
    expect(wordsOf("a long-running ceasefire, the year's end")).toEqual(["ceasefire", "end", "long", "longrunning", "running", "the", "year", "years"]);
  });

  it("keeps words of three or more letters and digits with a letter in them, not bare numbers", () => {
    expect(wordsOf("The F-16s flew 1,200 km in 2017 for G7 and covid19")).toEqual(["16s", "and", "covid19", "f16s", "flew", "for", "the"]);
  });
});

describe("the word directory's files", () => {
  it("gives each word the periods holding it, and marks a word every period holds", () => {
    const files = directoryFiles(
      [
        ["assad", "ceasefire", "sarin"],
        ["ceasefire", "tariff"],
        ["ceasefire", "sarin", "tariffs"],
      ],
      FILES,
    );
    expect(readBack(files, 3)).toEqual(
      new Map<string, number[] | "every">([
        ["assad", [0]],
        ["ceasefire", "every"],
        ["sarin", [0, 2]],
        ["tariff", [1]],
        ["tariffs", [2]],
      ]),
    );
  });

  it("puts the words that begin alike in one file, so that a query's word fetches one file", () => {
    const words = ["sarin", "sarajevo", "sardine", "sanction", "sanctions", "tariff", "tariffs", "talks"];
    const files = directoryFiles([words], FILES);
    const fileHolding = (word: string) => [...files].find(([, text]) => word in (JSON.parse(text) as object))![0];
    expect(fileHolding("sarajevo")).toBe(fileHolding("sarin"));
    expect(fileHolding("sardine")).toBe(fileHolding("sarin"));
    expect(fileHolding("sanctions")).toBe(fileHolding("sanction"));
    expect(fileHolding("tariffs")).toBe(fileHolding("tariff"));
    expect(Object.keys(JSON.parse(files.get(fileHolding("sarin"))!) as object)).toEqual(expect.arrayContaining(["sarajevo", "sardine", "sarin"]));
  });

  it("spreads the beginnings of words over all its files", () => {
    const letters = "abcdefghijklmnopqrstuvwxyz";
    const beginnings = [...letters].flatMap((a) => [...letters].map((b) => `${a}${b}a`));
    const used = new Set(beginnings.map((w) => fileNumberOf(w, 64)));
    expect(used.size).toBe(64);
  });

  it("grows its number of files with the archive, slower than the archive, a power of two that changes only as the archive doubles", () => {
    const sizes = [1, 500, 1_000, 5_000, 10_000, 50_000, 100_000, 200_000, 1_000_000];
    const counts = sizes.map(directoryFileCount);
    for (const count of counts) expect(Math.log2(count) % 1).toBe(0);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)! / counts[2]!).toBeLessThan(1_000_000 / 1_000 / 10);
    // A 100,000-article archive: hundreds of files, not thousands; each holds some hundred words.
    expect(directoryFileCount(100_000)).toBeGreaterThanOrEqual(256);
    expect(directoryFileCount(100_000)).toBeLessThanOrEqual(1024);
    let changes = 0;
    for (let n = 1_000; n < 100_000; n += 1_000) if (directoryFileCount(n) !== directoryFileCount(n + 1_000)) changes++;
    expect(changes).toBeLessThanOrEqual(4);
  });

  it("tells apart more periods than a number's bits hold", () => {
    const periods = Array.from({ length: 70 }, (_, i) => (i === 69 || i === 3 ? ["rare"] : ["common"]));
    const back = readBack(directoryFiles(periods, FILES), 70);
    expect(back.get("rare")).toEqual([3, 69]);
    expect(back.get("common")).toEqual([...Array(70).keys()].filter((i) => i !== 3 && i !== 69));
  });

  it("writes the same files for the same words, whatever order each period lists them in", () => {
    const a = directoryFiles([["beta", "alpha", "gamma"], ["delta", "alpha"]], FILES);
    const b = directoryFiles([["gamma", "alpha", "beta"], ["alpha", "delta"]], FILES);
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
    expect([...a.entries()].sort().map(([, text]) => text)).toEqual([...b.entries()].sort().map(([, text]) => text));
  });

  it("updated with what one period gained and lost, gives the files written from scratch", () => {
    const vocabulary = ["sarin", "sarajevo", "sanction", "sanctions", "tariff", "tariffs", "ceasefire", "assad", "talks"];
    const period = fc.uniqueArray(fc.constantFrom(...vocabulary)).map((words) => words.sort());
    fc.assert(
      fc.property(fc.array(period, { minLength: 2, maxLength: 5 }), period, fc.nat(), (periods, after, pick) => {
        const changed = pick % periods.length;
        const files = directoryFiles(periods, FILES);
        const changes = wordChanges(changed, periods[changed]!, after);
        const updated = new Map(files);
        const fileOf = (word: string) => fileNumberOf(word, FILES);
        for (const number of new Set(changes.map((c) => fileOf(c.word)))) {
          const text = updatedFile(files.get(number) ?? null, changes.filter((c) => fileOf(c.word) === number), periods.length);
          if (text === null) updated.delete(number);
          else updated.set(number, text);
        }
        const fromScratch = directoryFiles(periods.map((words, i) => (i === changed ? after : words)), FILES);
        expect([...updated].sort()).toEqual([...fromScratch].sort());
      }),
      { numRuns: 300 },
    );
  });
});
