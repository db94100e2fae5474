import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDirectoryWords, directoryFiles, EVERY_PERIOD, prefixOf, PREFIX_LENGTH, updatedFile, wordChanges } from "../../src/archive/wordDirectory.js";

const wordsOf = (text: string): string[] => {
  const words = new Set<string>();
  addDirectoryWords(text, words);
  return [...words].sort();
};

/** The directory's files read back: every word with the periods (indices) holding it, or "every". */
function readBack(files: Map<string, string>, periods: number): Map<string, number[] | "every"> {
  const all = new Map<string, number[] | "every">();
  for (const [prefix, text] of files) {
    for (const [word, mask] of Object.entries(JSON.parse(text) as Record<string, string>)) {
      expect(word.slice(0, PREFIX_LENGTH)).toBe(prefix);
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
    const files = directoryFiles([
      ["assad", "ceasefire", "sarin"],
      ["ceasefire", "tariff"],
      ["ceasefire", "sarin", "tariffs"],
    ]);
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

  it("cuts files by a word's first letters, so that a query fetches one small file a word", () => {
    const files = directoryFiles([["sarin", "sarajevo", "sanctions"], ["sanction"]]);
    expect([...files.keys()].sort()).toEqual(["san", "sar"]);
    expect(Object.keys(JSON.parse(files.get("sar")!) as object)).toEqual(["sarajevo", "sarin"]);
  });

  it("tells apart more periods than a number's bits hold", () => {
    const periods = Array.from({ length: 70 }, (_, i) => (i === 69 || i === 3 ? ["rare"] : ["common"]));
    const back = readBack(directoryFiles(periods), 70);
    expect(back.get("rare")).toEqual([3, 69]);
    expect(back.get("common")).toEqual([...Array(70).keys()].filter((i) => i !== 3 && i !== 69));
  });

  it("writes the same files for the same words, whatever order each period lists them in", () => {
    const a = directoryFiles([["beta", "alpha", "gamma"], ["delta", "alpha"]]);
    const b = directoryFiles([["gamma", "alpha", "beta"], ["alpha", "delta"]]);
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
    expect([...a.entries()].sort().map(([, text]) => text)).toEqual([...b.entries()].sort().map(([, text]) => text));
  });

  it("updated with what one period gained and lost, gives the files written from scratch", () => {
    const vocabulary = ["sarin", "sarajevo", "sanction", "sanctions", "tariff", "tariffs", "ceasefire", "assad", "talks"];
    const period = fc.uniqueArray(fc.constantFrom(...vocabulary)).map((words) => words.sort());
    fc.assert(
      fc.property(fc.array(period, { minLength: 2, maxLength: 5 }), period, fc.nat(), (periods, after, pick) => {
        const changed = pick % periods.length;
        const files = directoryFiles(periods);
        const changes = wordChanges(changed, periods[changed]!, after);
        const updated = new Map(files);
        for (const prefix of new Set(changes.map((c) => prefixOf(c.word)))) {
          const text = updatedFile(files.get(prefix) ?? null, changes.filter((c) => prefixOf(c.word) === prefix), periods.length);
          if (text === null) updated.delete(prefix);
          else updated.set(prefix, text);
        }
        const fromScratch = directoryFiles(periods.map((words, i) => (i === changed ? after : words)));
        expect([...updated].sort()).toEqual([...fromScratch].sort());
      }),
      { numRuns: 300 },
    );
  });
});
