import { execFileSync } from "node:child_process";
import { statSync, utimesSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatProblem } from "../../src/article/types.js";
import { listArticleFiles } from "../../src/io/listFiles.js";
import { readArchive, readBody, type ParseCache } from "../../src/io/readArchive.js";
import { readOnThreads } from "../../src/io/readers.js";
import { listOnThread } from "../../src/io/listOnThread.js";
import { file, HEADLINE, PROSE, STANDFIRST } from "./helpers.js";

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "broadsheet-unit-"));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Writes a file under the temporary folder, creating folders as needed; returns its full path. */
async function put(relative: string, content: string | Uint8Array): Promise<string> {
  const full = path.join(root, relative);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, content);
  return full;
}

const story = (headline: string, section = "MALTA NEWS", date = "2019-03-14"): string =>
  file([`date ${date} ${section}`, headline, STANDFIRST, PROSE.p1, PROSE.p2, "Staff Writer"]);

/** The files a listing would read, relative to the temporary folder. */
async function listed(): Promise<string[]> {
  return (await listArticleFiles(root)).filter((entry) => !entry.skipped && !entry.error).map((entry) => path.relative(root, entry.path));
}

/** A path under the temporary folder, as messages show it (it lies outside the working directory). */
const at = (relative: string): string => path.join(root, relative);

describe("listArticleFiles", () => {
  it("lists every file in nested folders, sorted, whatever its extension", async () => {
    await put("b.txt", story("Second"));
    await put("a.txt", story("First"));
    await put("2019/03/story", story("No extension"));
    await put("2019/notes.md", story("Markdown name"));
    expect(await listed()).toEqual([
      path.join("2019", "03", "story"),
      path.join("2019", "notes.md"),
      "a.txt",
      "b.txt",
    ]);
  });

  it("skips hidden files and hidden folders", async () => {
    await put("a.txt", story("First"));
    await put(".DS_Store", "junk");
    await put(".git/HEAD", "ref: refs/heads/main");
    await put("2019/.draft.txt", story("Hidden draft"));
    await symlink(path.join(root, "a.txt"), path.join(root, ".hidden-link.txt"));
    expect(await listed()).toEqual(["a.txt"]);
  });

  it("lists nothing in an empty folder", async () => {
    expect(await listArticleFiles(root)).toEqual([]);
  });
});

describe("readArchive, one file at a time", () => {
  it("reads a UTF-8 article without problems", async () => {
    const full = await put("ferry.txt", story(HEADLINE));
    const result = await readArchive([full]);
    expect(result.problems).toEqual([]);
    expect(result.rejected).toEqual([]);
    expect(result.articles).toHaveLength(1);
    expect(result.articles[0]!.headline).toBe(HEADLINE);
    expect(result.articles[0]!.source).toBe("Staff Writer");
  });

  it("reads a Windows-1252 article, publishing it with a warning", async () => {
    const bytes = Uint8Array.from([
      ...Buffer.from("date 2019-03-14 MALTA NEWS\nFerry fares to rise by "),
      0xa3,
      ...Buffer.from("2\n"),
      0x93,
      ...Buffer.from("We had no choice"),
      0x94,
      ...Buffer.from(", the operator said after fuel costs doubled over the winter.\n"),
    ]);
    const full = await put("fares.txt", bytes);
    const result = await readArchive([full]);
    expect(result.rejected).toEqual([]);
    expect(result.articles[0]!.headline).toBe("Ferry fares to rise by £2");
    expect(result.articles[0]!.body[0]!.text).toBe("“We had no choice”, the operator said after fuel costs doubled over the winter.");
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ severity: "warning" });
    expect(path.resolve(result.problems[0]!.file)).toBe(full);
  });

  it("rejects a file with a NUL byte, giving its line", async () => {
    const full = await put("binary.txt", Uint8Array.from([...Buffer.from("date 2019-03-14 WORLD\nHeadline\n"), 0, 1, 2]));
    const result = await readArchive([full]);
    expect(result.articles).toEqual([]);
    expect(result.rejected.map((f) => path.resolve(f))).toEqual([full]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ line: 3, severity: "error" });
  });

  it("passes the boilerplate list to the parser", async () => {
    const full = await put("a.txt", file(["date 2019-03-14 WORLD", HEADLINE, STANDFIRST, PROSE.p1, "Share this article:"]));
    const result = await readArchive([full], { boilerplate: ["Share this article:"] });
    expect(result.articles[0]!.body.map((b) => b.text)).toEqual([PROSE.p1]);
  });
});

describe("readArchive", () => {
  it("reads every article of a folder, in file order", async () => {
    await put("b.txt", story("Second story"));
    await put("a.txt", story("First story"));
    await put("sub/c.txt", story("Third story"));
    const result = await readArchive([root]);
    expect(result.articles.map((a) => a.headline)).toEqual(["First story", "Second story", "Third story"]);
    expect(result.files).toHaveLength(3);
    expect(result.problems).toEqual([]);
    expect(result.rejected).toEqual([]);
  });

  it("names each article by its path", async () => {
    const full = await put("sub/c.txt", story("Third story"));
    const result = await readArchive([root]);
    expect(path.resolve(result.articles[0]!.file)).toBe(full);
  });

  it("rejects bad files with located errors and keeps the good ones", async () => {
    await put("good.txt", story("A good story"));
    const badDate = await put("bad-date.txt", story("A bad date", "MALTA NEWS", "2017-02-30"));
    const headerOnly = await put("header-only.txt", "date 2019-03-14 WORLD\n");
    const result = await readArchive([root]);
    expect(result.articles.map((a) => a.headline)).toEqual(["A good story"]);
    expect(result.rejected.map((f) => path.resolve(f)).sort()).toEqual([badDate, headerOnly].sort());
    expect(result.problems.every((p) => p.severity === "error")).toBe(true);
    expect(result.problems.map((p) => [path.resolve(p.file), p.line])).toEqual([
      [badDate, 1],
      [headerOnly, 1],
    ]);
  });

  it("reports a file's problems all together", async () => {
    await put("bad.txt", file(["date 2017-02-30", HEADLINE]));
    const result = await readArchive([root]);
    expect(result.problems).toHaveLength(3);
    expect(result.rejected).toHaveLength(1);
  });

  it("publishes Windows-1252 files and lists their warning", async () => {
    const text = story("Ferry fares to rise by 2 pounds").replace("2 pounds", "\u00a32");
    await put("old.txt", Buffer.from(text, "latin1"));
    const result = await readArchive([root]);
    expect(result.articles).toHaveLength(1);
    expect(result.rejected).toEqual([]);
    expect(result.problems.map((p) => p.severity)).toEqual(["warning"]);
    expect(result.articles[0]!.headline).toBe("Ferry fares to rise by £2");
  });

  it("accepts files and folders together", async () => {
    const single = await put("loose/one.txt", story("Loose story"));
    await put("folder/two.txt", story("Folder story"));
    const result = await readArchive([single, path.join(root, "folder")]);
    expect(result.articles.map((a) => a.headline)).toEqual(["Loose story", "Folder story"]);
  });

  it("reads an empty folder as an empty archive", async () => {
    const result = await readArchive([root]);
    expect(result).toEqual({ files: [], articles: [], problems: [], rejected: [], digests: new Map() });
  });

  it("reads many files", async () => {
    for (let i = 0; i < 60; i++) await put(`many/${String(i).padStart(3, "0")}.txt`, story(`Story number ${i}`));
    const result = await readArchive([root]);
    expect(result.articles).toHaveLength(60);
    expect(result.articles[0]!.headline).toBe("Story number 0");
    expect(result.articles[59]!.headline).toBe("Story number 59");
  });
});

describe("readBody: a cached article's body, read back", () => {
  it("gives the body of the file as it was read, and refuses a file changed or removed since", async () => {
    const full = await put("a/story.txt", story("Ferry terminal opens"));
    const read = await readArchive([full]);
    const digest = read.digests.get(read.files[0]!)!;
    expect(readBody(full, digest)).toEqual(read.articles[0]!.body);
    await put("a/story.txt", story("Ferry terminal opening postponed"));
    expect(() => readBody(full, digest)).toThrow(`${full}: changed while the site was being built; build again`);
    await rm(full);
    expect(() => readBody(full, digest)).toThrow(`${full}: removed while the site was being built; build again`);
  });
});

describe("readBody: what it says when the file is not what was cached", () => {
  it("says a removed file was removed, and a FIFO put in its place is not a file, without waiting on it", async () => {
    const full = await put("story.txt", story("Ferry terminal opens"));
    const read = await readArchive([full]);
    const digest = read.digests.get(read.files[0]!)!;
    await rm(full);
    expect(() => readBody(full, digest)).toThrow(`${full}: removed while the site was being built; build again`);
    execFileSync("mkfifo", [full]);
    expect(() => readBody(full, digest)).toThrow(`${full}: not a regular file (a FIFO)`);
  });
});

describe("readArchive with a cache: an edit is never missed", () => {
  const TWIN = "Ferry terminal shuts"; // as long as "Ferry terminal opens": the file keeps its size

  /** A day long past, to the second, so that putting it back is exact. */
  const MTIME = new Date("2019-03-14T12:00:00Z");

  /** Writes `story.txt`, reads it into `cache`, then edits it to the same size and puts its mtime back. */
  async function cachedThenEdited(cache: ParseCache): Promise<string> {
    const full = await put("story.txt", story("Ferry terminal opens"));
    utimesSync(full, MTIME, MTIME);
    const before = statSync(full);
    expect((await readArchive([root], { cache })).articles[0]!.headline).toBe("Ferry terminal opens");
    await put("story.txt", story(TWIN));
    utimesSync(full, MTIME, MTIME);
    expect(statSync(full).size).toBe(before.size);
    expect(statSync(full).mtimeMs).toBe(before.mtimeMs);
    return full;
  }

  it("reads afresh an edit that kept the file's size and mtime", async () => {
    const cache: ParseCache = new Map();
    await cachedThenEdited(cache);
    const again = await readArchive([root], { cache });
    expect(again.articles[0]!.headline).toBe(TWIN);
    expect(again.articles[0]!.body).toEqual((await readArchive([root])).articles[0]!.body);
  });

  it("reads it afresh even when its entry was made long after the file's last change", async () => {
    const cache: ParseCache = new Map();
    await cachedThenEdited(cache);
    // As if the first read had come a minute after the file was written: its stat alone is trusted.
    const [key, entry] = [...cache][0]!;
    const { racy: _racy, ...trusted } = entry;
    cache.set(key, trusted);
    expect((await readArchive([root], { cache })).articles[0]!.headline).toBe(TWIN);
  });

  it("reads afresh a file edited so soon after it was read that its stat did not move at all", async () => {
    const cache: ParseCache = new Map();
    const full = await cachedThenEdited(cache);
    // Timestamps are coarse: an edit within the same clock tick as the read leaves ctime as it was too.
    const [key, entry] = [...cache][0]!;
    const now = statSync(full);
    cache.set(key, { ...entry, size: now.size, mtimeMs: now.mtimeMs, ctimeMs: now.ctimeMs, ino: now.ino });
    expect((await readArchive([root], { cache })).articles[0]!.headline).toBe(TWIN);
  });

  it("reads afresh a file replaced by another of the same size and times", async () => {
    const cache: ParseCache = new Map();
    const full = await put("story.txt", story("Ferry terminal opens"));
    utimesSync(full, MTIME, MTIME);
    await readArchive([root], { cache });
    const other = await put("elsewhere/story.txt", story(TWIN));
    utimesSync(other, MTIME, MTIME);
    await rename(other, full);
    const again = await readArchive([root], { cache });
    expect(again.articles.map((a) => a.headline)).toEqual([TWIN]);
  });

  it("forgets a file that cannot be read, and reads it afresh once it can", async () => {
    const cache: ParseCache = new Map();
    const target = await put("elsewhere/story.txt", story("Ferry terminal opens"));
    await mkdir(at("news"));
    await symlink(target, at("news/story.txt"));
    await readArchive([at("news")], { cache });
    await rm(target);
    expect((await readArchive([at("news")], { cache })).rejected).toEqual([at("news/story.txt")]);
    await put("elsewhere/story.txt", story(TWIN));
    expect((await readArchive([at("news")], { cache })).articles[0]!.headline).toBe(TWIN);
  });
});

describe("readArchive: symbolic links", () => {
  it("reads a linked file under its name in the folder, and walks a linked folder", async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), "broadsheet-outside-"));
    try {
      await writeFile(path.join(outside, "single.txt"), story("Linked from elsewhere"));
      await mkdir(path.join(outside, "more"));
      await writeFile(path.join(outside, "more", "deep.txt"), story("Deep in a linked folder"));
      await put("a.txt", story("A real file"));
      await symlink(path.join(outside, "single.txt"), at("linked.txt"));
      await mkdir(at("wire"));
      await symlink(path.join(outside, "more"), at("wire/feed"));
      const read = await readArchive([root]);
      expect(read.problems).toEqual([]);
      expect(read.articles.map((a) => [a.file, a.headline])).toEqual([
        [at("a.txt"), "A real file"],
        [at("linked.txt"), "Linked from elsewhere"],
        [at("wire/feed/deep.txt"), "Deep in a linked folder"],
      ]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("does not follow a link back to a folder it is in: one warning, the rest read", async () => {
    await put("2019/a.txt", story("First story"));
    await put("2019/03/b.txt", story("Second story"));
    await symlink("..", at("2019/03/up"));
    await symlink(root, at("2019/root"));
    const read = await readArchive([root]);
    expect(read.articles.map((a) => a.headline)).toEqual(["Second story", "First story"]);
    expect(read.problems.map(formatProblem)).toEqual([
      `${at("2019/03/up")}: warning: symlink loop: not followed`,
      `${at("2019/root")}: warning: symlink loop: not followed`,
    ]);
    expect(read.rejected).toEqual([]);
  });

  it("reads a folder once when a link points to it as well, and says why the link was not followed", async () => {
    await put("2019/03/a.txt", story("First story"));
    await symlink("2019/03", at("latest"));
    const read = await readArchive([root]);
    expect(read.articles.map((a) => a.file)).toEqual([at("2019/03/a.txt")]);
    expect(read.problems.map(formatProblem)).toEqual([`${at("latest")}: warning: symlink to a folder read already (${at("2019/03")}): not followed`]);
  });

  it("rejects a link to nothing as an error, and reads the rest", async () => {
    await put("a.txt", story("A real file"));
    await symlink(at("gone.txt"), at("dangling.txt"));
    const read = await readArchive([root]);
    expect(read.articles.map((a) => a.headline)).toEqual(["A real file"]);
    expect(read.rejected).toEqual([at("dangling.txt")]);
    expect(read.problems.map(formatProblem)).toEqual([`${at("dangling.txt")}: broken symbolic link (ENOENT)`]);
  });
});

describe("readArchive: what is neither a file nor a folder", () => {
  it("skips a FIFO in the folder with a warning, without opening it", async () => {
    await put("a.txt", story("A real file"));
    execFileSync("mkfifo", [at("pipe.txt")]);
    const read = await readArchive([root]);
    expect(read.articles.map((a) => a.headline)).toEqual(["A real file"]);
    expect(read.files).toEqual([at("a.txt")]);
    expect(read.problems.map(formatProblem)).toEqual([`${at("pipe.txt")}: warning: not a regular file (a FIFO): skipped`]);
  });

  it("skips a link to a FIFO likewise", async () => {
    execFileSync("mkfifo", [at("pipe")]);
    await mkdir(at("news"));
    await symlink(at("pipe"), at("news/link.txt"));
    const read = await readArchive([at("news")]);
    expect(read.problems.map(formatProblem)).toEqual([`${at("news/link.txt")}: warning: not a regular file (a FIFO): skipped`]);
  });

  it("refuses a FIFO given as the folder, at once", async () => {
    execFileSync("mkfifo", [at("pipe")]);
    await expect(readArchive([at("pipe")])).rejects.toThrow(`${at("pipe")}: not a regular file or folder (a FIFO)`);
  });

  it("refuses a folder that is not there, saying so", async () => {
    await expect(readArchive([at("articles")])).rejects.toThrow(`${at("articles")}: no such file or folder (ENOENT)`);
  });
});

describe("readArchive: file names", () => {
  it("gives a file whose name holds a newline or a tab a one-line message, and still reads it", async () => {
    await put("bad\nname\t.txt", story("A bad date", "MALTA NEWS", "2017-02-30"));
    await put("good\nname.txt", story("A good story"));
    const read = await readArchive([root]);
    expect(read.articles.map((a) => a.headline)).toEqual(["A good story"]);
    const lines = read.problems.map(formatProblem);
    expect(lines).toEqual([`${root}/bad\\nname\\t.txt:1: invalid date "2017-02-30": no such day`]);
  });
});

describe("readArchive on several threads", () => {
  it("gives what one thread gives, in the same order, and fills the cache alike, whichever thread read what", async () => {
    // Enough files that reader threads start (readers.ts), with rejected files, warnings, an
    // unreadable file, a skipped one and two identical files spread among them.
    const count = 2_600;
    for (let i = 0; i < count; i++) {
      const name = `d${i % 7}/story-${String(i).padStart(4, "0")}.txt`;
      if (i % 500 === 13) await put(name, "date 2019-02-30 MALTA NEWS\nNo such day\n");
      else if (i % 500 === 77) await put(name, Buffer.from(story(`Caf\xe9 number ${i} reopens`), "latin1"));
      else if (i === 1200 || i === 2400) await put(name, story("The same story twice"));
      else await put(name, story(`Ferry number ${i} delayed`, i % 3 === 0 ? "MALTA NEWS" : "SPORT", `2019-03-${String((i % 28) + 1).padStart(2, "0")}`));
    }
    await symlink(path.join(root, "nowhere.txt"), path.join(root, "d3", "broken.txt"));
    execFileSync("mkfifo", [path.join(root, "d4", "pipe.txt")]);
    // Past the racy window (3 s), so that neither read's start decides which entries are racy.
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    const oneCache: ParseCache = new Map();
    const manyCache: ParseCache = new Map();
    const one = await readArchive([root], { cache: oneCache });
    let ticks = 0;
    let started = 0;
    const many = await readArchive([root], { cache: manyCache, readMany: readOnThreads(3, (n) => (started = n)), onFile: () => ticks++ });
    expect(started).toBeGreaterThan(0);
    expect(one.articles.length).toBe(count - 6);
    expect(one.rejected).toHaveLength(6 + 1);
    expect(one.problems.some((p) => p.message.includes("a FIFO"))).toBe(true);
    expect(many).toEqual(one);
    expect([...manyCache]).toEqual([...oneCache]);
    expect(ticks).toBe(count + 1);
    // And again, from the cache: only what no cache keeps is read afresh, and nothing changes.
    const asked: number[] = [];
    const threads = readOnThreads(3);
    const counting = Object.assign((...args: Parameters<typeof threads>) => (asked.push(args[0].length), threads(...args)), { expect: threads.expect });
    const again = await readArchive([root], { cache: manyCache, readMany: counting });
    expect(again).toEqual(one);
    expect(asked).toEqual([1]); // the broken link, which no cache keeps
  }, 60_000);

  it("fails the read, saying so, when a reader thread fails", async () => {
    const file = await put("story.txt", story("Ferry delayed"));
    const toRead = Array.from({ length: 2_000 }, (_, i) => ({ file, shown: `story-${i}.txt` }));
    // A chunk the reader thread takes first (chunks 0 and 1 go to it before this thread takes
    // any) holds an entry it cannot read at all.
    (toRead as unknown[])[300] = null;
    await expect(readOnThreads(2)(toRead, {}, Date.now(), () => undefined)).rejects.toThrow(/^article reader failed: /);
  }, 60_000);
});

describe("readArchive with its files listed on a thread", () => {
  /** Reads `root` both ways, each with its own copy of `cache`; returns both reads and caches. */
  async function bothWays(cache: ParseCache): Promise<{ here: unknown; there: unknown; hereCache: ParseCache; thereCache: ParseCache }> {
    const hereCache = new Map(cache);
    const thereCache = new Map(cache);
    const here = await readArchive([root], { cache: hereCache });
    const there = await readArchive([root], { cache: thereCache, listing: listOnThread([root]) });
    return { here, there, hereCache, thereCache };
  }

  it("reads what a listing of its own reads, skipped and broken entries included, with and without a cache", async () => {
    await put("2019/03/a.txt", story("First story"));
    await put("2019/03/b.txt", story("Second story", "SPORT"));
    await put("2019/.hidden.txt", story("Never read"));
    await put("bad\nname\t.txt", story("A bad date", "MALTA NEWS", "2017-02-30"));
    await put("twin.txt", story("Second story", "SPORT"));
    await put("latin.txt", Buffer.from(story("Caf\xe9 reopens"), "latin1"));
    execFileSync("mkfifo", [at("pipe.txt")]);
    await symlink(at("gone.txt"), at("dangling.txt"));
    await symlink("2019/03/a.txt", at("linked.txt"));
    await symlink("..", at("2019/up"));
    const cache: ParseCache = new Map();
    const first = await bothWays(cache);
    expect(first.there).toEqual(first.here);
    expect([...first.thereCache]).toEqual([...first.hereCache]);
    expect((first.here as { problems: unknown[] }).problems.length).toBeGreaterThan(3);

    // Changed after the cache was filled: one edited, one removed, one added. Its entries are
    // trusted by their stamps, as a minute after the files were written (the racy rule aside):
    // the thread's stamps must send the edited file to be read afresh, as a stat of the read's own would.
    const trusted: ParseCache = new Map([...first.hereCache].map(([key, { racy: _racy, ...entry }]) => [key, entry]));
    await put("2019/03/a.txt", story("First story, rewritten at length"));
    await rm(at("2019/03/b.txt"));
    await put("2019/04/c.txt", story("Third story"));
    const second = await bothWays(trusted);
    expect(second.there).toEqual(second.here);
    expect([...second.thereCache]).toEqual([...second.hereCache]);
    const headlines = (second.there as { articles: { headline: string }[] }).articles.map((a) => a.headline);
    expect(headlines).toContain("First story, rewritten at length");
    expect(headlines).not.toContain("First story");
  }, 30_000);

  it("reads an empty folder as an empty archive", async () => {
    const read = await readArchive([root], { listing: listOnThread([root]) });
    expect(read).toEqual(await readArchive([root]));
    expect(read.files).toEqual([]);
  });

  it("refuses a folder that is not there with the listing's own words", async () => {
    await expect(readArchive([at("articles")], { listing: listOnThread([at("articles")]) })).rejects.toThrow(`${at("articles")}: no such file or folder (ENOENT)`);
  });
});
