import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listArticleFiles, readArchive, readBody } from "../../src/io/readArchive.js";
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

describe("listArticleFiles", () => {
  it("lists every file in nested folders, sorted, whatever its extension", async () => {
    await put("b.txt", story("Second"));
    await put("a.txt", story("First"));
    await put("2019/03/story", story("No extension"));
    await put("2019/notes.md", story("Markdown name"));
    const files = await listArticleFiles(root);
    expect(files.map((f) => path.relative(root, f))).toEqual([
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
    const files = await listArticleFiles(root);
    expect(files.map((f) => path.relative(root, f))).toEqual(["a.txt"]);
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
    expect(() => readBody(full, digest)).toThrow(/story\.txt: changed or removed while the site was being built/u);
    await rm(full);
    expect(() => readBody(full, digest)).toThrow(/story\.txt: changed or removed while the site was being built/u);
  });
});
