import { execFileSync } from "node:child_process";
import { symlinkSync } from "node:fs";
import { cp, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureArticles, writeArchive } from "../support/fixtureArchive.js";
import { siteTree, treeDifferences } from "../support/siteTree.js";
import { build, describeEnd, differencesFromClean, freshPlace, runBroadsheet, tempDir, type BuildPlace } from "../support/faults.js";

/*
 * Articles folders that are not what they seem: empty (a failed mount, a wrong path), a FIFO,
 * reached through symbolic links, or holding a file name with a newline. None may lose content
 * without a word, nor hang.
 */

const fixture = fixtureArticles();

describe("an empty articles folder over a published site", () => {
  async function publishedThenEmptied(): Promise<BuildPlace> {
    const place = await freshPlace(await writeArchive(fixture));
    const first = await build(place);
    expect(first.code, describeEnd(first)).toBe(0);
    // The folder is there, with nothing in it: a network share that did not mount.
    for (const entry of await readdir(place.articles)) await rm(path.join(place.articles, entry), { recursive: true });
    return place;
  }

  it("is refused with a non-zero exit and a message saying there is no article; the published site is left as it was", async () => {
    const place = await publishedThenEmptied();
    const before = await siteTree(place.output);
    const end = await build(place);
    expect(end.timedOut, describeEnd(end)).toBe(false);
    expect(end.code, describeEnd(end)).not.toBe(0);
    expect(end.stderr).toMatch(/no article/iu);
    expect(treeDifferences(before, await siteTree(place.output))).toEqual([]);
  });

  it("is refused, and the site left as it was, even with the build cache gone (nothing recorded to trust)", async () => {
    const place = await publishedThenEmptied();
    await rm(place.cache, { recursive: true, force: true });
    const before = await siteTree(place.output);
    const end = await build(place);
    expect(end.code, describeEnd(end)).not.toBe(0);
    expect(end.stderr).toMatch(/no article/iu);
    expect(treeDifferences(before, await siteTree(place.output))).toEqual([]);
  });

  it("is built when asked with --allow-empty, to exactly what a clean build of no article writes", async () => {
    const place = { ...(await publishedThenEmptied()), args: ["--allow-empty"] };
    const end = await build(place);
    expect(end.code, describeEnd(end)).toBe(0);
    expect(await differencesFromClean(place)).toEqual([]);
  });
});

describe.concurrent("a FIFO as the articles folder", () => {
  const LIMIT = 20_000;
  const NOT_A_FOLDER = /FIFO|not a regular file or folder/iu;

  async function fifo(): Promise<string> {
    const file = path.join(await tempDir("fifo"), "articles");
    execFileSync("mkfifo", [file]);
    return file;
  }

  for (const command of ["check", "parse"]) {
    it(`\`broadsheet ${command}\` ends with a non-zero exit, saying it is not a file or folder`, async () => {
      const end = await runBroadsheet([command, await fifo()], { timeoutMs: LIMIT });
      expect(end.timedOut, describeEnd(end)).toBe(false);
      expect(end.code, describeEnd(end)).not.toBe(0);
      expect(end.stderr).toMatch(NOT_A_FOLDER);
    });
  }

  it("`broadsheet build` ends with a non-zero exit, saying it is not a file or folder", async () => {
    const end = await build(await freshPlace(await fifo()), { timeoutMs: LIMIT });
    expect(end.timedOut, describeEnd(end)).toBe(false);
    expect(end.code, describeEnd(end)).not.toBe(0);
    expect(end.stderr).toMatch(NOT_A_FOLDER);
  });
});

describe("symbolic links in the articles folder", () => {
  it("articles reached through a linked file and a linked folder are published as if they were copies", async () => {
    // The archive: the fixture's 2015 and 2016 folders as they are; 2017 a link to a folder kept
    // elsewhere; one article of 2018 a link to a file kept elsewhere.
    const linked = await writeArchive(fixture);
    const elsewhere = await tempDir("elsewhere");
    await cp(path.join(linked, "2017"), path.join(elsewhere, "2017"), { recursive: true });
    await rm(path.join(linked, "2017"), { recursive: true });
    symlinkSync(path.join(elsewhere, "2017"), path.join(linked, "2017"));
    const file = fixture.find((a) => a.date.startsWith("2018"))!.file;
    await cp(path.join(linked, file), path.join(elsewhere, "one.txt"));
    await rm(path.join(linked, file));
    symlinkSync(path.join(elsewhere, "one.txt"), path.join(linked, file));
    const copies = await writeArchive(fixture);

    const place = await freshPlace(linked);
    const end = await build(place);
    expect(end.code, describeEnd(end)).toBe(0);
    const clean = await freshPlace(copies);
    expect((await build(clean)).code).toBe(0);
    expect(treeDifferences(await siteTree(place.output), await siteTree(clean.output))).toEqual([]);
  });

  it("a folder linking to its parent (a loop): every real article is published once, with a warning naming the loop", async () => {
    const articles = await writeArchive(fixture);
    // `2016/up` is the articles folder itself, which holds 2016, which holds `up`…
    symlinkSync("..", path.join(articles, "2016", "up"));
    const place = await freshPlace(articles);
    const end = await build(place);
    expect(end.timedOut, describeEnd(end)).toBe(false);
    expect(end.code, describeEnd(end)).toBe(0);
    expect(end.stderr).toMatch(/loop/iu);
    // Everything a clean build of the real articles writes, and nothing more.
    const real = await freshPlace(await writeArchive(fixture));
    expect((await build(real)).code).toBe(0);
    expect(treeDifferences(await siteTree(place.output), await siteTree(real.output))).toEqual([]);
  });
});

describe("a file name holding a newline", () => {
  it("`broadsheet check` gives its problem on one line", async () => {
    const articles = await writeArchive(fixture.slice(0, 2), { "bad\nname.txt": " date 2017-02-30 WEATHER\nHeadline\nBody.\n" });
    const end = await runBroadsheet(["check", articles], { timeoutMs: 20_000 });
    expect(end.code, describeEnd(end)).toBe(1);
    const lines = end.stderr.trimEnd().split("\n");
    const problem = lines.find((l) => l.includes("invalid date"));
    expect(problem, end.stderr).toBeDefined();
    expect(problem).toContain("bad");
    expect(problem).toContain("name.txt");
    // The problem and the summary: nothing else.
    expect(lines, end.stderr).toHaveLength(2);
  });
});
