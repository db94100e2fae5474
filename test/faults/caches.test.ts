import { existsSync, statSync, utimesSync } from "node:fs";
import { readFile, rm, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { articleText, fixtureArticles, writeArchive } from "../support/fixtureArchive.js";
import {
  addArticles,
  addedArticles,
  build,
  cacheFiles,
  describeEnd,
  differencesFromClean,
  freshPlace,
  keepCopy,
  removeArticles,
  seededRandom,
  sleep,
  type BuildPlace,
} from "../support/faults.js";

/*
 * The build cache only spares work: truncated, filled with garbage or deleted, any of its files
 * must cost at most a longer build, never a site that differs from a clean build's.
 */

const fixture = fixtureArticles();
// Search cut into periods (one a year here), so that kept words of periods not indexed again are used.
const env = { BROADSHEET_SEARCH_SHARD_SIZE: "10" };

/** Each kind of file the cache holds, by a pattern of its path inside the cache folder. */
const KINDS: ReadonlyArray<readonly [string, RegExp]> = [
  ["the manifest", /^manifest-[^/]*\.json$/u],
  ["the parse snapshot", /^parsed-[^/]*\.json$/u],
  ["the parse journal", /^parsed-[^/]*\.journal$/u],
  ["the related index", /^related-[^/]*\.v8$/u],
  // The oldest period's words: the edit below is in 2018, so these are read from the cache.
  ["the kept words of a period", /^search-words-[^/]*\.p\/pagefind-2015\.v8$/u],
  ["the kept words' index", /^search-words-[^/]*\.p\/index\.json$/u],
];

const DAMAGES: ReadonlyArray<readonly [string, (file: string) => Promise<void>]> = [
  ["truncated to half", async (file) => truncate(file, Math.floor((await readFile(file)).length / 2))],
  [
    "filled with garbage of the same length",
    async (file) => {
      const random = seededRandom(12);
      const length = (await readFile(file)).length;
      await writeFile(file, Uint8Array.from({ length }, () => Math.floor(random() * 256)));
    },
  ],
  ["deleted", (file) => rm(file)],
];

/** An article of 2018 (the newest period), with a sentence added. */
const edited = fixture.find((a) => a.date.startsWith("2018"))!;
const editedText = articleText({ ...edited, paragraphs: [...edited.paragraphs, "The report was corrected on Friday, officials said."] });

describe("a damaged or missing build cache", () => {
  let place: BuildPlace;
  let restore: () => Promise<void>;

  beforeAll(async () => {
    place = { ...(await freshPlace(await writeArchive(fixture))), env };
    // Files changed within 3 s of a build are read again by the next (readArchive.ts, RACY_MS),
    // which then rewrites their entries as a new snapshot, journal gone: let them settle first.
    await sleep(3_100);
    const first = await build(place);
    expect(first.code, describeEnd(first)).toBe(0);
    // A second build after one new article: the parse cache then has a journal beside its snapshot.
    await addArticles(place.articles, addedArticles(1).map((a) => ({ ...a, date: "2018-12-30" })));
    const second = await build(place);
    expect(second.code, describeEnd(second)).toBe(0);
    for (const [kind, pattern] of KINDS) expect(await cacheFiles(place.cache, pattern), `${kind} is in the cache`).toHaveLength(1);
    restore = await keepCopy(place);
  });

  for (const [kind, pattern] of KINDS) {
    for (const [damage, apply] of DAMAGES) {
      it(`${kind} ${damage}, then an article edited: the build equals a clean build`, async () => {
        await restore();
        const [file] = await cacheFiles(place.cache, pattern);
        await apply(file!);
        await writeFile(path.join(place.articles, edited.file), editedText);
        const end = await build(place);
        expect(end.code, describeEnd(end)).toBe(0);
        expect(await differencesFromClean(place)).toEqual([]);
      });
    }
  }

  it("the manifest deleted (to force a clean build) after an article was removed: the removed article's page goes", async () => {
    await restore();
    const gone = fixture[5]!;
    const [y, m, d] = gone.date.split("-");
    const day = path.join(place.output, gone.section.toLowerCase().replace(/\s+/gu, "-"), y!, m!, d!);
    expect(existsSync(day), "the article's page was published").toBe(true);
    await removeArticles(place.articles, [gone]);
    for (const file of await cacheFiles(place.cache, /^manifest-/u)) await rm(file);
    const end = await build(place);
    expect(end.code, describeEnd(end)).toBe(0);
    expect(existsSync(day), `the removed article's page under ${day}`).toBe(false);
    expect(await differencesFromClean(place)).toEqual([]);
  });
});

describe("an edit that keeps the file's size and modification time", () => {
  // Same length, other letters: `marker` → `MARKER` in the body. The file's time is a whole second
  // (as tar, rsync or a copy to FAT leave it), set again after the edit.
  const target = fixture[7]!;
  const time = new Date("2020-01-02T03:04:05Z");

  async function builtWithRoundTime(): Promise<BuildPlace> {
    const place = { ...(await freshPlace(await writeArchive(fixture))), env };
    utimesSync(path.join(place.articles, target.file), time, time);
    const first = await build(place);
    expect(first.code, describeEnd(first)).toBe(0);
    return place;
  }

  async function editInPlace(dir: string): Promise<void> {
    const file = path.join(dir, target.file);
    const before = statSync(file);
    const text = await readFile(file, "utf8");
    expect(text).toContain("the marker");
    await writeFile(file, text.replace("the marker", "the MARKER"));
    utimesSync(file, time, time);
    const after = statSync(file);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
  }

  it("shows on the next build, which equals a clean build", async () => {
    const place = await builtWithRoundTime();
    await editInPlace(place.articles);
    const end = await build(place);
    expect(end.code, describeEnd(end)).toBe(0);
    expect(await differencesFromClean(place)).toEqual([]);
  });

  it("does not fail the build once its search period is indexed again (a new article in the same year)", async () => {
    const place = await builtWithRoundTime();
    await editInPlace(place.articles);
    await addArticles(place.articles, addedArticles(1).map((a) => ({ ...a, date: `${target.date.slice(0, 4)}-12-31` })));
    const end = await build(place);
    expect(end.code, describeEnd(end)).toBe(0);
    expect(await differencesFromClean(place)).toEqual([]);
    const again = await build(place);
    expect(again.code, `a second build: ${describeEnd(again)}`).toBe(0);
  });
});
