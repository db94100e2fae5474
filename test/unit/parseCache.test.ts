import { mkdtemp, readFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadParseCache, saveParseCache } from "../../src/io/parseCache.js";
import type { ParseCache } from "../../src/io/readArchive.js";
import { parsed } from "./helpers.js";

type Entry = ParseCache extends Map<string, infer E> ? E : never;
const entry = (n: number): Entry => ({ size: n, mtimeMs: n, outcome: { article: null, problems: [], digest: `d${n}` } });
const OPTIONS = { boilerplate: [] };
const noBodies = (file: string): never => {
  throw new Error(`no body expected for ${file}`);
};

/**
 * One build, as `readArchive` does it: the loaded cache is updated in place (`change`), then saved;
 * returns what the next build loads.
 */
async function build(dir: string, change: (cache: ParseCache) => void): Promise<{ now: ParseCache; next: ParseCache }> {
  const before = await loadParseCache(dir, OPTIONS, "v1", noBodies);
  const cache = new Map(before.entries);
  change(cache);
  await saveParseCache(dir, OPTIONS, "v1", before, cache, [...cache.keys()]);
  return { now: cache, next: (await loadParseCache(dir, OPTIONS, "v1", noBodies)).entries };
}

describe("the parse cache between builds", () => {
  it("gives the next build every entry of this one, added, changed and removed files included", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-unit-"));
    const first = await build(dir, (c) => Array.from({ length: 40 }, (_, i) => c.set(`a/${i}.txt`, entry(i))));
    expect(first.next).toEqual(first.now);
    expect(first.next.size).toBe(40);

    const second = await build(dir, (c) => {
      c.set("a/new.txt", entry(100));
      c.set("a/3.txt", entry(103));
      c.delete("a/7.txt");
    });
    expect(second.next).toEqual(second.now);
    expect(second.next.get("a/3.txt")).toEqual(entry(103));
    expect(second.next.has("a/7.txt")).toBe(false);
    // A small change is appended, not a rewrite of every entry.
    expect((await readdir(dir)).some((f) => f.endsWith(".journal"))).toBe(true);
  });

  it("folds the journal back into one file before it holds a tenth of the entries", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-unit-"));
    await build(dir, (c) => Array.from({ length: 20 }, (_, i) => c.set(`b/${i}.txt`, entry(i))));
    const journalLines: number[] = [];
    for (let round = 0; round < 6; round++) {
      const { now, next } = await build(dir, (c) => c.set(`b/extra-${round}.txt`, entry(200 + round)));
      expect(next).toEqual(now);
      const journal = (await readdir(dir)).find((f) => f.endsWith(".journal"));
      journalLines.push(journal ? (await readFile(path.join(dir, journal), "utf8")).split("\n").filter(Boolean).length : 0);
    }
    // 20 entries and more: at most two journal lines, then a fold.
    expect(journalLines).toEqual([1, 2, 0, 1, 2, 0]);
  });

  it("starts empty for another parser version", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-unit-"));
    await build(dir, (c) => c.set("c/1.txt", entry(1)));
    expect((await loadParseCache(dir, OPTIONS, "v2", noBodies)).entries.size).toBe(0);
  });

  it("deletes the cache of an earlier parser version once a new one is written", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-unit-"));
    await build(dir, (c) => c.set("c/1.txt", entry(1)));
    const before = await loadParseCache(dir, OPTIONS, "v2", noBodies);
    const cache = new Map([["c/1.txt", entry(1)]]);
    await saveParseCache(dir, OPTIONS, "v2", before, cache, ["c/1.txt"]);
    expect(await readdir(dir)).toHaveLength(1);
    expect((await loadParseCache(dir, OPTIONS, "v2", noBodies)).entries).toEqual(cache);
  });

  it("keeps an article without its body, and reads the body back from the file when it is read", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-unit-"));
    const body = [{ type: "paragraph" as const, text: "A sentence only the file holds." }];
    const article = parsed({ file: "d/1.txt", headline: "Cached headline", body });
    await build(dir, (c) => c.set("d/1.txt", { size: 1, mtimeMs: 1, outcome: { article, problems: [], digest: "d1" } }));
    const stored = (await readdir(dir)).map((f) => readFile(path.join(dir, f), "utf8"));
    expect((await Promise.all(stored)).join("")).not.toContain("only the file holds");

    const asked: string[] = [];
    const loaded = await loadParseCache(dir, OPTIONS, "v1", (file, digest) => {
      asked.push(`${file} ${digest}`);
      return body;
    });
    const cached = loaded.entries.get("d/1.txt")!.outcome.article!;
    expect(cached.headline).toBe("Cached headline");
    expect(asked).toEqual([]);
    expect(cached.body[0]!.text).toBe("A sentence only the file holds.");
    expect(cached.body).toEqual(body);
    expect(Array.isArray(cached.body)).toBe(true);
    expect(asked).toEqual(["d/1.txt d1"]);
  });
});
