import { describe, expect, it } from "vitest";
import { newestFirst, type Article } from "../../src/archive/article.js";
import { searchShards } from "../../src/archive/searchShards.js";
import type { IsoDate } from "../../src/article/types.js";

/** Articles on the given dates; only dates and URLs matter to shards. */
function on(dates: string[]): Article[] {
  return dates
    .map((date, i) => ({ date: date as IsoDate, url: `/s/${date}/${i}/` }) as unknown as Article)
    .sort(newestFirst);
}

describe("search shards", () => {
  it("keeps a small archive in one index at /pagefind/", () => {
    const shards = searchShards(on(["2015-01-01", "2016-01-01", "2017-01-01"]), 10);
    expect(shards.map((s) => [s.bundle, s.label, s.articles.length])).toEqual([["pagefind", "all", 3]]);
    expect(shards[0]!.years).toEqual(["2017", "2016", "2015"]);
  });

  it("cuts a larger one by year, newest first, each in a folder named by its year", () => {
    const dates = [...Array(4).fill("2015-03-01"), ...Array(5).fill("2016-07-01"), ...Array(3).fill("2017-02-01")];
    const shards = searchShards(on(dates), 10);
    expect(shards.map((s) => [s.bundle, s.label, s.articles.length])).toEqual([
      ["pagefind-2017", "2017", 3],
      ["pagefind-2016", "2016", 5],
      ["pagefind-2015", "2015", 4],
    ]);
    expect(shards.map((s) => s.years)).toEqual([["2017"], ["2016"], ["2015"]]);
  });

  it("gives each shard the first and last days it holds, for the search page to say how far back it looked", () => {
    const shards = searchShards(on(["2015-03-01", "2015-11-20", "2016-07-01", "2016-01-02", "2017-02-01", "2016-12-31"]), 3);
    expect(shards.map((s) => [s.label, s.from, s.to])).toEqual([
      ["2017", "2017-02-01", "2017-02-01"],
      ["2016", "2016-01-02", "2016-12-31"],
      ["2015", "2015-03-01", "2015-11-20"],
    ]);
  });

  it("cuts a year too big for one shard into runs of whole months", () => {
    const dates = ["01", "02", "03", "04", "05", "06"].flatMap((m) => Array(4).fill(`2016-${m}-10`));
    // The newest month not kept apart (no cap on the newest shard), to see the year's own cut.
    const shards = searchShards(on(dates), 10, Infinity);
    // 24 articles over 6 months, at most 10 a shard: three runs of two months.
    expect(shards.map((s) => [s.label, s.articles.length])).toEqual([
      ["2016-05 to 2016-06", 8],
      ["2016-03 to 2016-04", 8],
      ["2016-01 to 2016-02", 8],
    ]);
    expect(new Set(shards.map((s) => s.bundle)).size).toBe(3);
    // Every article in exactly one shard.
    expect(shards.reduce((n, s) => n + s.articles.length, 0)).toBe(24);
  });

  it("cuts a month too big for one shard into runs of whole days", () => {
    const dates = [...["01", "02", "03"].flatMap((d) => Array(6).fill(`2016-05-${d}`)), ...Array(4).fill("2016-04-20")];
    const shards = searchShards(on(dates), 10);
    // May alone holds 18: its three days are cut in runs; April fits in one shard of its own.
    expect(shards.map((s) => [s.label, s.articles.length])).toEqual([
      ["2016-05-03", 6],
      ["2016-05-02", 6],
      ["2016-05-01", 6],
      ["2016-04", 4],
    ]);
    expect(new Set(shards.map((s) => s.bundle)).size).toBe(4);
  });

  it("keeps the newest month apart: news added today re-indexes that month alone", () => {
    const base = [...Array(15).fill("2015-03-01"), ...Array(20).fill("2016-03-01"), ...Array(8).fill("2016-11-02"), "2016-12-01"];
    const before = searchShards(on(base), 25, 5);
    const after = searchShards(on([...base, "2016-12-02", "2016-12-02"]), 25, 5);
    expect(after[0]!.articles.length).toBe(3);
    // Every other shard holds the same articles in the same folder: nothing else to index.
    const holds = (shards: typeof before) => shards.slice(1).map((s) => [s.bundle, s.articles.map((a) => a.url)]);
    expect(holds(after)).toEqual(holds(before));
  });

  it("cuts a busy newest month into runs of days from its first, of at most a fifth of a shard: a new day leaves the others as they were", () => {
    const base = [...Array(30).fill("2015-03-01"), ...Array(3).fill("2016-12-01"), ...Array(3).fill("2016-12-02"), ...Array(2).fill("2016-12-03")];
    const before = searchShards(on(base), 25, 5);
    // At most 5 a run: the 1st alone (3, and 3 more would make 6), then the 2nd and 3rd (5).
    expect(before.slice(0, 2).map((s) => [s.label, s.articles.length])).toEqual([
      ["2016-12-02 to 2016-12-03", 5],
      ["2016-12-01", 3],
    ]);
    const after = searchShards(on([...base, "2016-12-04"]), 25, 5);
    expect(after[0]!.label).toBe("2016-12-04");
    // The runs before keep their articles and their folders: only the new one is indexed.
    const holds = (shards: typeof before) => shards.map((s) => [s.bundle, s.articles.map((a) => a.url)]);
    expect(holds(after).slice(1)).toEqual(holds(before));
  });

  it("makes the small runs of a busy newest month one shard once they fill one, so that the month does not end in dozens", () => {
    const month = ["01", "02", "03", "04", "05", "06"].flatMap((d) => Array(2).fill(`2016-12-${d}`));
    const shards = searchShards(on([...Array(30).fill("2015-03-01"), ...month]), 10, 2);
    // From the 1st, days while they fit in 10: the 1st to the 5th, full; the 6th fills the next, in runs of at most 2.
    expect(shards.slice(0, 2).map((s) => [s.label, s.articles.length])).toEqual([
      ["2016-12-06", 2],
      ["2016-12-01 to 2016-12-05", 10],
    ]);
  });

  it("keeps a newest year small enough to re-index at once whole, and puts the newest month back with its year in a new year", () => {
    const base = [...Array(6).fill("2015-03-01"), ...Array(4).fill("2016-03-01"), ...Array(3).fill("2016-12-01")];
    // 2016 holds 7, over the newest shard's 5: December apart.
    expect(searchShards(on(base), 10, 5).map((s) => [s.label, s.articles.length])).toEqual([
      ["2016-12", 3],
      ["2016-03", 4],
      ["2015", 6],
    ]);
    // 2017 holds 1: whole; 2016 is a year like the others again.
    expect(searchShards(on([...base, "2017-01-03"]), 10, 5).map((s) => [s.label, s.articles.length])).toEqual([
      ["2017", 1],
      ["2016", 7],
      ["2015", 6],
    ]);
  });

  it("puts the month before back with its year at a new month, changing only the year's newest run", () => {
    const months = ["01", "02", "03", "04", "05"].flatMap((m) => Array(4).fill(`2016-${m}-10`));
    const base = [...Array(8).fill("2015-03-01"), ...months, ...Array(3).fill("2016-06-10")];
    const before = searchShards(on(base), 10, 5);
    // June apart as the newest month; the rest of 2016 from January, while two months fit in 10.
    expect(before.map((s) => [s.label, s.articles.length])).toEqual([
      ["2016-06", 3],
      ["2016-05", 4],
      ["2016-03 to 2016-04", 8],
      ["2016-01 to 2016-02", 8],
      ["2015", 8],
    ]);
    const after = searchShards(on([...base, "2016-07-01"]), 10, 5);
    // What a rebuild indexes: the shards no shard before held, with the same articles in the same folder.
    const held = new Set(before.map((s) => JSON.stringify([s.bundle, s.articles.map((a) => a.url)])));
    const indexed = after.filter((s) => !held.has(JSON.stringify([s.bundle, s.articles.map((a) => a.url)])));
    expect(indexed.map((s) => [s.label, s.articles.length])).toEqual([
      ["2016-07", 1],
      ["2016-05 to 2016-06", 7],
    ]);
  });

  it("gives an article the same shard whatever else is added to other years", () => {
    const base = [...Array(6).fill("2015-03-01"), ...Array(6).fill("2016-03-01")];
    const before = searchShards(on(base), 10).find((s) => s.label === "2015")!;
    const after = searchShards(on([...base, "2017-01-01", "2016-05-05"]), 10).find((s) => s.label === "2015")!;
    expect(after.bundle).toBe(before.bundle);
    expect(after.articles.map((a) => a.url)).toEqual(before.articles.map((a) => a.url));
  });
});
