import { describe, expect, it } from "vitest";
import { queryTerms } from "../../src/search/queryTerms.js";
import { stem } from "../../src/search/stem.js";

// Expected values: what Pagefind 1.6.0 itself looked up for each query (`search_keywords` of its
// search in chromium, playground mode: `node --import tsx bench/stemCheck.ts --browser`), or, for
// include_characters, what its pagefind.js does with them.

/** What the search page predicts Pagefind will look up. */
const lookedUp = (query: string) => queryTerms(query).map(stem);

/** The bundle's include_characters, as Pagefind 1.6.0 writes them in pagefind-entry.json. */
const PAGEFIND_INCLUDE = ["_", "‿", "⁀", "⁔", "︳", "︴", "﹍", "﹎", "﹏", "＿"];

describe("the words Pagefind looks up for a query", () => {
  it("lower-cases, splits on spaces and stems each word", () => {
    expect(lookedUp("International Generously")).toEqual(["internat", "generous"]);
    expect(lookedUp("oil oil")).toEqual(["oil", "oil"]);
  });

  it("finds nothing to look up in an empty query or one of punctuation alone", () => {
    expect(queryTerms("")).toEqual([]);
    expect(queryTerms("   ")).toEqual([]);
    expect(queryTerms("--")).toEqual([]);
    expect(queryTerms("…")).toEqual([]);
    expect(queryTerms("&")).toEqual([]);
  });

  it("drops punctuation inside a word instead of splitting there", () => {
    expect(queryTerms("U.S.")).toEqual(["us"]);
    expect(queryTerms("u.s.a.")).toEqual(["usa"]);
    expect(queryTerms("well-known")).toEqual(["wellknown"]);
    expect(queryTerms("1,200")).toEqual(["1200"]);
    expect(queryTerms("a—b")).toEqual(["ab"]);
    expect(queryTerms("“Quoted” words, here.").map(stem)).toEqual(["quot", "word", "here"]);
  });

  it("drops apostrophes, straight or curly, before stemming", () => {
    expect(lookedUp("year's")).toEqual(["year"]);
    expect(lookedUp("years'")).toEqual(["year"]);
    expect(lookedUp("year’s")).toEqual(["year"]);
    expect(lookedUp("o'neill's")).toEqual(["oneil"]);
    expect(lookedUp("don't")).toEqual(["dont"]);
  });

  it("keeps symbols that are not punctuation, where the index drops them", () => {
    expect(queryTerms("£3.3bn")).toEqual(["£33bn"]);
    expect(queryTerms("<craa.s>")).toEqual(["<craas>"]);
    expect(queryTerms("<AAPL>")).toEqual(["<aapl>"]);
    expect(queryTerms("$5")).toEqual(["$5"]);
    expect(queryTerms("+")).toEqual(["+"]);
    expect(queryTerms("5%")).toEqual(["5"]);
  });

  it("takes accents off", () => {
    expect(lookedUp("café")).toEqual(["cafe"]);
    expect(lookedUp("cafe\u0301")).toEqual(["cafe"]);
    expect(lookedUp("Société")).toEqual(["societ"]);
    expect(lookedUp("Zürich São naïve")).toEqual(["zurich", "sao", "naiv"]);
    expect(lookedUp("İstanbul")).toEqual(["istanbul"]);
  });

  it("lower-cases one grapheme at a time, so a final capital sigma becomes σ, not ς", () => {
    expect(queryTerms("ΟΔΟΣ Σ")).toEqual(["οδοσ", "σ"]);
    expect(queryTerms("Москва")).toEqual(["москва"]);
    expect(queryTerms("ＡＢＣ")).toEqual(["ａｂｃ"]);
  });

  it("keeps letters the Latin alphabet lacks as they are", () => {
    expect(lookedUp("Straße")).toEqual(["straße"]);
    expect(lookedUp("ﬁnance")).toEqual(["ﬁnanc"]);
    expect(lookedUp("中国")).toEqual(["中国"]);
  });

  it("takes a bracket or dash as punctuation only where Pagefind's anchored test does", () => {
    // /^\p{Pd}|…|\p{Ps}$/u: a dash must start the grapheme, an opening bracket end it.
    expect(queryTerms("-\u0301y")).toEqual(["y"]);
    expect(queryTerms("(\u0301x")).toEqual(["(x"]);
  });

  it("collapses only runs of whitespace, and splits only on spaces", () => {
    expect(queryTerms("  Oil  prices\trise ")).toEqual(["oil", "prices\trise"]);
    expect(queryTerms("oil\tprices")).toEqual(["oil\tprices"]);
    expect(queryTerms("a\u00a0b")).toEqual(["a\u00a0b"]);
    expect(queryTerms("a  -  b")).toEqual(["a", "b"]);
  });

  it("keeps the bundle's include_characters as typed", () => {
    expect(queryTerms("snake_case", PAGEFIND_INCLUDE)).toEqual(["snake_case"]);
    expect(lookedUp("x_y")).toEqual(["x_i"]);
    // A site that includes "-" and "." keeps them, and does not lower-case what it includes.
    expect(queryTerms("Well-Known U.S.", ["-", ".", "W"])).toEqual(["Well-known", "u.s."]);
  });
});
