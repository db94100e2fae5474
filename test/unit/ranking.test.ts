import { describe, expect, it } from "vitest";
import { idf, pageScore, type Counts, type PageScoring } from "../../src/search/ranking.js";

// Scores Pagefind 1.6.0 gave in its playground mode, searching one index of 19,043 news stories
// in Chromium, with what it reported they were made of: the formula must give them back from
// those counts, and other scores from other counts.
const ARCHIVE = { pages: 19043, averageLength: 144.23782348632812 };
const BONUS = 0.8891377449035645;

function counts(wordPages: Record<string, number>, archive = ARCHIVE): Counts {
  return { ...archive, wordPages: (w) => wordPages[w]!, termPages: (t) => wordPages[t]! };
}

const page = (length: number, words: [string, number][], fields: [number, string[]][]): PageScoring => ({
  length,
  words: words.map(([word, weightedCount]) => ({ word, weightedCount, lengthBonus: BONUS })),
  fields: fields.map(([weight, terms]) => ({ weight, terms })),
});

describe("a page's score with an archive's counts", () => {
  it("is Pagefind's own score when the counts are its index's", () => {
    const alcoa = page(225, [["alcoa", 8], ["comment", 2], ["declin", 2]], [[5, ["declin", "alcoa", "comment"]]]);
    expect(pageScore(alcoa, counts({ alcoa: 9, comment: 789, declin: 1358 }), ["alcoa", "declin", "comment"])).toBeCloseTo(104.68341064453125, 3);
    const opec = page(632, [["oil", 10], ["opec", 23], ["price", 10]], [[1, ["oil"]], [5, ["opec", "oil"]]]);
    expect(pageScore(opec, counts({ oil: 1581, opec: 148, price: 3385 }), ["oil", "price", "opec"])).toBeCloseTo(52.82732391357422, 3);
  });

  it("gives Pagefind's idf", () => {
    expect(idf(19043, 9)).toBeCloseTo(7.60321569442749, 5);
    expect(idf(19043, 1358)).toBeCloseTo(2.6403708457946777, 5);
  });

  it("orders pages of two periods by the archive's counts, where their own periods' would mislead", () => {
    // "opec" is on half the pages of a small period, and on 2 of 5,000 of a large one.
    const small = counts({ opec: 100 }, { pages: 200, averageLength: 144 });
    const large = counts({ opec: 2 }, { pages: 5000, averageLength: 144 });
    const archive = counts({ opec: 102 }, { pages: 5200, averageLength: 144 });
    const inSmall = page(150, [["opec", 6]], []);
    const inLarge = page(150, [["opec", 4]], []);
    // Each period's own counts put the page that says less of OPEC first...
    expect(pageScore(inLarge, large, ["opec"])).toBeGreaterThan(pageScore(inSmall, small, ["opec"]));
    // ...the archive's put the one that says more.
    expect(pageScore(inSmall, archive, ["opec"])).toBeGreaterThan(pageScore(inLarge, archive, ["opec"]));
  });

  it("boosts a page whose headline holds every term above one whose headline holds some", () => {
    const c = counts({ oil: 1581, opec: 148 });
    const whole = page(200, [["oil", 2], ["opec", 2]], [[5, ["oil", "opec"]]]);
    const half = page(200, [["oil", 2], ["opec", 2]], [[5, ["opec"]]]);
    expect(pageScore(whole, c, ["oil", "opec"])).toBeGreaterThan(pageScore(half, c, ["oil", "opec"]));
  });
});
