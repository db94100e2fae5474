import { chmod, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { loadParseCache, readBackOrForget, saveParseCache } from "../../src/io/parseCache.js";
import { readArchive, readBody, type ParseCache } from "../../src/io/readArchive.js";
import { nodeAsUser } from "../support/otherUser.js";
import { file, parsed, PROSE } from "./helpers.js";

type Entry = ParseCache extends Map<string, infer E> ? E : never;
const entry = (n: number): Entry => ({ size: n, mtimeMs: n, ctimeMs: n, ino: n, outcome: { article: null, problems: [], digest: `d${n}` } });
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
    await build(dir, (c) => c.set("d/1.txt", { ...entry(1), outcome: { article, problems: [], digest: "d1" } }));
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

describe("a cached body that cannot be read back", () => {
  const story = (headline: string): string => file(["date 2019-03-14 MALTA NEWS", headline, PROSE.p1, PROSE.p2, "Staff Writer"]);
  const readBack = (f: string, digest: string) => readBody(f, digest, OPTIONS);

  /** A build's read, as archiveData.ts does it: load the cache, read the folder with it, save it. */
  async function readBuild(cacheDir: string, articles: string) {
    const loaded = await loadParseCache(cacheDir, OPTIONS, "v1", readBack);
    const cache = new Map(loaded.entries);
    const read = await readArchive([articles], { ...OPTIONS, cache });
    await saveParseCache(cacheDir, OPTIONS, "v1", loaded, cache, read.files);
    return { read, cache };
  }

  /** An archive of one article, read once so that the next build takes it from the cache. */
  async function cachedArchive() {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-cache-"));
    const articles = await mkdtemp(path.join(os.tmpdir(), "broadsheet-articles-"));
    const story1 = path.join(articles, "story.txt");
    await writeFile(story1, story("Ferry terminal opens"));
    await readBuild(cacheDir, articles);
    return { cacheDir, articles, story: story1 };
  }

  it("is an error that says the file changed, and the next build reads the file afresh", async () => {
    const { cacheDir, articles, story: full } = await cachedArchive();
    const { read, cache } = await readBuild(cacheDir, articles);
    const [key] = [...cache.keys()];
    // Edited after it was listed, while the site was being built.
    await writeFile(full, story("Ferry terminal shuts"));
    expect(() => read.articles[0]!.body.length).toThrow(`${full}: changed while the site was being built; build again`);
    expect((await loadParseCache(cacheDir, OPTIONS, "v1", readBack)).entries.has(key!)).toBe(false);
    const next = await readBuild(cacheDir, articles);
    expect(next.read.articles[0]!.headline).toBe("Ferry terminal shuts");
    expect(next.read.articles[0]!.body.map((b) => b.text)).toEqual([PROSE.p2]);
  });

  it("is dropped from the cache by a thread that knows only the cache folder, as the search indexer", async () => {
    const { cacheDir, articles, story: full } = await cachedArchive();
    const { read } = await readBuild(cacheDir, articles);
    const shown = read.files[0]!;
    await writeFile(full, story("Ferry terminal shuts"));
    expect(() => readBackOrForget(cacheDir, shown, () => readBody(shown, read.digests.get(shown)!, OPTIONS))).toThrow(/changed while the site was being built/u);
    expect((await loadParseCache(cacheDir, OPTIONS, "v1", readBack)).entries.size).toBe(0);
  });

  it("says an unreadable file is unreadable, as a clean build would, and drops it", async () => {
    const { cacheDir, articles, story: full } = await cachedArchive();
    await chmod(full, 0o000);
    // As another user: root reads any file. The body is read back as a page would.
    const script = `
      const { loadParseCache } = await import(${JSON.stringify(pathToFileURL(path.resolve("src/io/parseCache.ts")).href)});
      const { readBody } = await import(${JSON.stringify(pathToFileURL(path.resolve("src/io/readArchive.ts")).href)});
      const options = ${JSON.stringify(OPTIONS)};
      const loaded = await loadParseCache(process.argv[1], options, "v1", (f, d) => readBody(f, d, options));
      for (const entry of loaded.entries.values()) {
        try { entry.outcome.article.body.length; } catch (e) { console.log(e.message); }
      }`;
    const run = nodeAsUser(["--import", "tsx", "--input-type=module", "-e", script, cacheDir]);
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe(`${full}: unreadable file (EACCES)`);
    expect((await loadParseCache(cacheDir, OPTIONS, "v1", readBack)).entries.size).toBe(0);
    await chmod(full, 0o644);
    expect((await readBuild(cacheDir, articles)).read.articles[0]!.body.map((b) => b.text)).toEqual([PROSE.p2]);
  });
});
