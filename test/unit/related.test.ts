import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { publish } from "../../src/archive/urls.js";
import { relatedArticles } from "../../src/archive/related.js";
import { iso, parsed } from "./helpers.js";

/** An article whose headline is `words`; the body is filler every test article shares. */
function story(n: number, words: string, date = "2019-03-14") {
  return parsed({
    file: `articles/${String(n).padStart(3, "0")}.txt`,
    date: iso(date),
    headline: words,
    body: [{ type: "paragraph", text: "Officials said the matter was being studied." }],
  });
}

/** Index → the headlines of its related articles, which is what a reader sees. */
function relatedHeadlines(stories: ReturnType<typeof story>[]): Map<string, string[]> {
  const articles = publish(stories);
  const related = relatedArticles(articles, (a) => a.file).lists;
  return new Map(articles.map((a, i) => [a.headline, related[i]!.map((j) => articles[j]!.headline)]));
}

/** Enough unrelated articles that the test words count as rare. */
const filler = Array.from({ length: 40 }, (_, i) => story(100 + i, `Filler number${i} about topic${i}`));

describe("related articles", () => {
  it("links articles that share rare words, never an article to itself", () => {
    const related = relatedHeadlines([story(1, "Tanker spill off Gozo coast"), story(2, "Gozo tanker owners fined"), story(3, "Budget vote delayed"), ...filler]);
    expect(related.get("Tanker spill off Gozo coast")).toEqual(["Gozo tanker owners fined"]);
    expect(related.get("Gozo tanker owners fined")).toEqual(["Tanker spill off Gozo coast"]);
    expect(related.get("Budget vote delayed")).toEqual([]);
  });

  it("ranks the article sharing more rare words first", () => {
    const related = relatedHeadlines([
      story(1, "Marsaxlokk fishermen protest trawler quotas"),
      story(2, "Trawler quotas anger Marsaxlokk fishermen"),
      story(3, "Marsaxlokk fishermen festival draws crowds"),
      ...filler,
    ]);
    expect(related.get("Marsaxlokk fishermen protest trawler quotas")).toEqual(["Trawler quotas anger Marsaxlokk fishermen", "Marsaxlokk fishermen festival draws crowds"]);
  });

  it("relates no two articles by one rare word alone, which is most often chance", () => {
    const related = relatedHeadlines([story(1, "Marsaxlokk fishermen protest trawler quotas"), story(2, "Marsaxlokk regatta postponed"), story(3, "Trawler fleet sold abroad"), ...filler]);
    expect(related.get("Marsaxlokk fishermen protest trawler quotas")).toEqual([]);
    expect(related.get("Marsaxlokk regatta postponed")).toEqual([]);
  });

  it("breaks a tie in favour of the newer article", () => {
    const related = relatedHeadlines([
      story(1, "Gozo desalination plant opens", "2019-03-10"),
      story(2, "Gozo desalination costs questioned", "2019-03-01"),
      story(3, "Gozo desalination tender awarded", "2019-03-20"),
      ...filler,
    ]);
    expect(related.get("Gozo desalination plant opens")).toEqual(["Gozo desalination tender awarded", "Gozo desalination costs questioned"]);
  });

  it("breaks a tie between articles of one day by file, whatever order they are given in", () => {
    const same = [story(3, "Gozo desalination tender awarded"), story(1, "Gozo desalination plant opens"), story(2, "Gozo desalination costs questioned")];
    for (const order of [same, [...same].reverse()]) {
      const related = relatedHeadlines([...order, ...filler]);
      expect(related.get("Gozo desalination tender awarded")).toEqual(["Gozo desalination plant opens", "Gozo desalination costs questioned"]);
      expect(related.get("Gozo desalination plant opens")).toEqual(["Gozo desalination costs questioned", "Gozo desalination tender awarded"]);
    }
  });

  it("lists each relative once even when a word is in every article of a tiny archive", () => {
    const related = relatedHeadlines([story(1, "Ferry strike Monday"), story(2, "Ferry strike Tuesday"), story(3, "Ferry strike Wednesday")]);
    expect(related.get("Ferry strike Monday")).toEqual(["Ferry strike Tuesday", "Ferry strike Wednesday"]);
    for (const list of related.values()) expect(new Set(list).size).toBe(list.length);
  });

  it("reads the body's first eighty words, not the rest", () => {
    const words = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(" ");
    const withBody = (n: number, headline: string, paragraphs: string[]) =>
      parsed({ file: `articles/b${n}.txt`, date: iso("2019-03-14"), headline, body: paragraphs.map((text) => ({ type: "paragraph" as const, text })) });
    const articles = publish([
      // "zebrafish embryos" are the 71st and 72nd words, in the second paragraph: inside the lead.
      withBody(1, "Senate hearing adjourned", [words(70, "alpha"), "zebrafish embryos were published."]),
      withBody(2, "Clinic opens downtown", [`The zebrafish embryos study ${words(10, "beta")}.`]),
      // "okapi calves" are the 91st and 92nd words: past the lead, so they relate nothing.
      withBody(3, "Vineyard harvest early", [words(90, "gamma"), "okapi calves rose."]),
      withBody(4, "Bridge repairs finished", [`The okapi calves census ${words(10, "delta")}.`]),
      ...filler,
    ]);
    const related = relatedArticles(articles, (a) => a.file).lists;
    const headlinesOf = (headline: string) => related[articles.findIndex((a) => a.headline === headline)]!.map((j) => articles[j]!.headline);
    expect(headlinesOf("Senate hearing adjourned")).toContain("Clinic opens downtown");
    expect(headlinesOf("Vineyard harvest early")).not.toContain("Bridge repairs finished");
  });

  it("lists a headline once, and never a copy of the page's own story sent the same day or the next", () => {
    const articles = publish([
      story(1, "Tanker spill off Gozo coast"),
      story(2, "TANKER SPILL OFF GOZO COAST."), // the wire sends it again, in capitals
      story(6, "Tanker spill off Gozo coast", "2019-03-15"), // and again the next day
      story(3, "Gozo tanker owners fined"),
      story(4, "Gozo tanker owners fined"),
      story(5, "Gozo tanker owners fined", "2019-03-20"), // the same headline a week later
      story(7, "Tanker spill off Gozo coast", "2019-03-21"), // a week on: no copy of the 14th's
      ...filler,
    ]);
    const related = relatedArticles(articles, (a) => a.file).lists;
    const listOf = (file: number) => related[articles.findIndex((a) => a.file === `articles/00${file}.txt`)]!.map((j) => articles[j]!);
    // Which articles, not their rank: the best of each headline, a tie going to the newer.
    const seen = (file: number) => listOf(file).map((a) => `${a.headline.toLowerCase().replace(/\.$/u, "")} ${a.date}`).sort();
    expect(seen(1)).toEqual(["gozo tanker owners fined 2019-03-20", "tanker spill off gozo coast 2019-03-21"]);
    expect(seen(2)).toEqual(seen(1));
    expect(seen(6)).toEqual(seen(1));
    expect(seen(3)).toEqual(["gozo tanker owners fined 2019-03-20", "tanker spill off gozo coast 2019-03-21"]);
    expect(seen(7)).toEqual(["gozo tanker owners fined 2019-03-20", "tanker spill off gozo coast 2019-03-15"]);
  });

  it("lists five when more qualify", () => {
    const many = Array.from({ length: 9 }, (_, i) => story(i, `Airport runway works phase${i}`));
    const related = relatedHeadlines([...many, ...filler]);
    for (const s of many) expect(related.get(s.headline)).toHaveLength(5);
  });
});

describe("related articles, carried over from an earlier build", () => {
  // Words numbered in letters (digits are not words), a low cap on key words, and articles with
  // more words under the cap than they keep as keys: in a few dozen articles, adding or removing
  // one moves words across the cap and reorders other articles' keys.
  const word = (k: number) => `word${k.toString(26).replace(/./gu, (d) => String.fromCharCode(97 + parseInt(d, 26)))}`;
  const VOCABULARY = Array.from({ length: 200 }, (_, k) => word(k));
  const CAP = 8;
  const DATES = ["2019-03-01", "2019-03-02", "2019-03-03"];

  type Spec = { readonly file: number; readonly words: readonly number[]; readonly date: number };
  const spec = fc.record({
    file: fc.integer({ min: 0, max: 60 }),
    words: fc.array(fc.integer({ min: 0, max: 199 }), { minLength: 1, maxLength: 40, size: "max" }),
    date: fc.integer({ min: 0, max: DATES.length - 1 }),
  });
  const toArticle = (s: Spec) =>
    parsed({
      file: `articles/${String(s.file).padStart(3, "0")}.txt`,
      date: iso(DATES[s.date]!),
      headline: s.words.map((k) => VOCABULARY[k]).join(" "),
      body: [{ type: "paragraph", text: "Filler." }],
    });
  /** The archive as a build sees it: one article per file, newest first. */
  const archiveOf = (specs: readonly Spec[]) => {
    const byFile = new Map(specs.map((s) => [s.file, s]));
    return publish([...byFile.values()].map(toArticle)).sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.url < b.url ? -1 : 1));
  };
  // The identity changes with the text, as a file's digest does.
  const identity = (a: { file: string; headline: string }) => `${a.file}\n${a.headline}`;
  const files = (list: readonly (readonly number[])[], articles: readonly { file: string }[]) => list.map((l) => l.map((j) => articles[j]!.file));

  it("gives every article the same list as relating from scratch, through additions, edits and removals", () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 5, maxLength: 40, size: "max" }), fc.array(fc.oneof(spec.map((s) => ({ add: s })), fc.integer({ min: 0, max: 60 }).map((file) => ({ remove: file }))), { minLength: 1, maxLength: 6 }), (initial, changes) => {
        let specs = [...initial];
        let articles = archiveOf(specs);
        let previous = relatedArticles(articles, identity, null, CAP).index;
        for (const change of changes) {
          specs = "add" in change ? [...specs.filter((s) => s.file !== change.add.file), change.add] : specs.filter((s) => s.file !== change.remove);
          articles = archiveOf(specs);
          const carried = relatedArticles(articles, identity, previous, CAP);
          const scratch = relatedArticles(articles, identity, null, CAP);
          expect(files(carried.lists, articles)).toEqual(files(scratch.lists, articles));
          previous = carried.index;
        }
      }),
      { numRuns: 300 },
    );
  });

  it("drops an edited article from a list when the word they shared is no longer one of its keys", () => {
    // "zulu" links the two; the edit keeps it, but adds twelve rarer-or-equal words that sort first.
    const rare = Array.from({ length: 12 }, (_, k) => word(k));
    const fillers = rare.map((w, k) => story(100 + k, `Filler ${w}`));
    const before = publish([story(1, "Anchor zulu"), story(2, "Original zulu"), ...fillers]);
    const after = publish([story(1, "Anchor zulu"), story(2, `Rewritten zulu ${rare.join(" ")}`), ...fillers]);
    const index = relatedArticles(before, identity, null, CAP).index;
    const carried = relatedArticles(after, identity, index, CAP);
    expect(files(carried.lists, after)).toEqual(files(relatedArticles(after, identity, null, CAP).lists, after));
    expect(carried.lists[after.findIndex((a) => a.headline === "Anchor zulu")]).toEqual([]);
  });

  it("works out again only the lists one new article can change", () => {
    // Words are letters only: "topic" + a letter code for the number.
    const code = (n: number) => n.toString(26).replace(/./gu, (d) => String.fromCharCode(97 + parseInt(d, 26)));
    const stories = Array.from({ length: 300 }, (_, i) => story(i, `Topic${code(i % 100)} matter${code(i % 37)} item${code(i)}`));
    const before = publish(stories);
    const index = relatedArticles(before, identity).index;
    const after = publish([...stories, story(999, `Topic${code(7)} matter${code(7)} newcomer`)]);
    const carried = relatedArticles(after, identity, index);
    expect(carried.recomputed).toBeLessThan(after.length / 10);
    expect(files(carried.lists, after)).toEqual(files(relatedArticles(after, identity).lists, after));
    expect(carried.lists[after.findIndex((a) => a.headline.includes("newcomer"))]!.length).toBeGreaterThan(0);
  });
});
