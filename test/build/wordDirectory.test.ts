import { mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileNumberOf, parseEntry } from "../../src/search/directory.js";
import { buildSite } from "../support/buildSite.js";
import { articleText, fixtureArticles, writeArchive } from "../support/fixtureArchive.js";
import { siteTree, treeDifferences } from "../support/siteTree.js";

// The fixture's 36 articles, nine a year over 2015–2018, in shards of at most 10: one a year.
const articles = fixtureArticles();
const SHARDED = { BROADSHEET_SEARCH_SHARD_SIZE: "10" };

/** The word directory as written: each word with its entry, and each file's modification time. */
async function directoryOf(output: string): Promise<{ words: Map<string, string>; texts: Map<string, string>; mtimes: Map<string, number> }> {
  const folder = path.join(output, "search-words");
  const words = new Map<string, string>();
  const texts = new Map<string, string>();
  const mtimes = new Map<string, number>();
  for (const file of await readdir(folder)) {
    const text = await readFile(path.join(folder, file), "utf8");
    if (file !== "periods.json") for (const [word, entry] of Object.entries(JSON.parse(text) as Record<string, string>)) words.set(word, entry);
    texts.set(file, text);
    mtimes.set(file, (await stat(path.join(folder, file))).mtimeMs);
  }
  return { words, texts, mtimes };
}

/** The number the directory gives the period of `bundle`: periods count from the oldest. */
async function periodOf(output: string, bundle: string): Promise<number> {
  const html = await readFile(path.join(output, "search/index.html"), "utf8");
  const bundles = /data-bundles="([^"]+)"/u.exec(html)![1]!.split(" ");
  expect(bundles).toContain(bundle);
  return bundles.length - 1 - bundles.indexOf(bundle);
}

/** The periods holding a word, by the directory, and the pages of each (or how many). */
const periodsOf = (entry: string | undefined) => (entry === undefined ? undefined : parseEntry(entry).periods);

/** The directory file a word is in, by the number of files the search page is told of. */
async function fileOfWord(output: string, word: string): Promise<string> {
  const count = Number(/data-word-files="(\d+)"/u.exec(await readFile(path.join(output, "search/index.html"), "utf8"))![1]);
  return `${fileNumberOf(word, count)}.json`;
}

const uniqueWordOf = (a: (typeof articles)[number]): string => /zq\w+x/u.exec(a.paragraphs[1]!)![0];

async function builtOnce() {
  const dir = await writeArchive(articles);
  const cache = await mkdtemp(path.join(os.tmpdir(), "broadsheet-cache-"));
  const first = await buildSite(dir, { cache, env: SHARDED });
  expect(first.code).toBe(0);
  return { dir, cache, first };
}

describe("the word directory of a sharded search index", () => {
  it("says which year's page holds a word of one article, and that every year holds a word of all", async () => {
    const { first } = await builtOnce();
    const { words } = await directoryOf(first.output);
    const in2016 = articles.find((a) => a.date.startsWith("2016"))!;
    // Pagefind's own words: "zqhar1x" stays as it is, "officials" is stemmed.
    const held = periodsOf(words.get(uniqueWordOf(in2016)));
    expect([...held!.keys()]).toEqual([await periodOf(first.output, "/pagefind-2016/")]);
    expect((held!.values().next().value as number[]).length).toBe(1);
    const everywhere = periodsOf(words.get("offici"));
    expect([...everywhere!.keys()].sort()).toEqual([0, 1, 2, 3]);
    expect(parseEntry(words.get("offici")!).pages).toBe(articles.length);
    // How many articles each period holds, and their words, for ranking with the archive's counts.
    const summary = JSON.parse(await readFile(path.join(first.output, "search-words", "periods.json"), "utf8")) as { pages: number[]; length: number };
    expect(summary.pages).toEqual(["2015", "2016", "2017", "2018"].map((y) => articles.filter((a) => a.date.startsWith(y)).length));
    // The search page is told where it is.
    expect(await first.page("/search/")).toContain('data-words="/search-words/"');
    expect(await first.page("/search/")).toMatch(/data-word-files="\d+"/u);
  });

  it("takes in a new article's words by indexing its year again and rewriting only the files that changed, as a clean build would write them", async () => {
    const { dir, cache, first } = await builtOnce();
    const before = await directoryOf(first.output);
    const model = articles.find((a) => a.date.startsWith("2016"))!;
    const added = { ...model, file: "2016/added.txt", headline: "Zebracrossing opened", paragraphs: model.paragraphs.map((p) => `${p} A zebracrossing was opened.`) };
    await writeFile(path.join(dir, added.file), articleText(added));
    const second = await buildSite(dir, { cache, output: first.output, env: SHARDED });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/in 4 shards, 10 indexed this build/u);
    const after = await directoryOf(first.output);
    expect([...periodsOf(after.words.get("zebracross"))!.keys()]).toEqual([await periodOf(first.output, "/pagefind-2016/")]);
    // Files whose text changed are written, and no other: the year's new page changes the
    // entries of its words, not those of words only other years hold.
    const changed = [...after.texts].filter(([file, text]) => before.texts.get(file) !== text).map(([file]) => file);
    expect(changed).toContain(await fileOfWord(first.output, "zebracross"));
    const rewritten = [...after.mtimes].filter(([file, mtime]) => before.mtimes.get(file) !== mtime).map(([file]) => file);
    expect(rewritten.sort()).toEqual(changed.sort());
    const in2015 = uniqueWordOf(articles.find((a) => a.date.startsWith("2015"))!);
    expect(after.words.get(in2015)).toBe(before.words.get(in2015));

    const clean = await buildSite(dir, { env: SHARDED });
    expect(treeDifferences(await siteTree(first.output), await siteTree(clean.output))).toEqual([]);
  });

  it("takes in a new year by rewriting only the files whose words the new year holds, as a clean build would write them", async () => {
    const { dir, cache, first } = await builtOnce();
    const before = await directoryOf(first.output);
    const model = articles.find((a) => a.date.startsWith("2018"))!;
    const added = { ...model, file: "2018/added-2019.txt", date: "2019-05-01", headline: "Quagmire report", paragraphs: ["Officials said the quagmire was deep."] };
    await writeFile(path.join(dir, added.file), articleText(added));
    const second = await buildSite(dir, { cache, output: first.output, env: SHARDED });
    expect(second.code).toBe(0);
    // 2019 is a new year in a folder of its own; 2018 keeps its folder: only 2019 is indexed.
    expect(second.stdout).toMatch(/in 5 shards, 1 indexed this build/u);
    const after = await directoryOf(first.output);
    // Periods count from the oldest year: a word of 2016 alone keeps its entry.
    const in2016 = uniqueWordOf(articles.find((a) => a.date.startsWith("2016"))!);
    expect(after.words.get(in2016)).toBe(before.words.get(in2016));
    expect([...periodsOf(after.words.get("quagmir"))!.keys()]).toEqual([await periodOf(first.output, "/pagefind-2019/")]);
    const changed = [...after.texts].filter(([file, text]) => before.texts.get(file) !== text).map(([file]) => file);
    const rewritten = [...after.mtimes].filter(([file, mtime]) => before.mtimes.get(file) !== mtime).map(([file]) => file);
    // Files whose text changed are written, and no other.
    expect(rewritten.sort()).toEqual(changed.sort());

    const clean = await buildSite(dir, { env: SHARDED });
    expect(treeDifferences(await siteTree(first.output), await siteTree(clean.output))).toEqual([]);
  });

  it("indexes only a new article's year when it makes a topic of a name two older years' articles gave, and the topic page lists all three", async () => {
    // Two articles, of 2015 and 2016, name a firm; the minimum for a topic is three articles.
    const naming = (a: (typeof articles)[number]) => ({ ...a, paragraphs: [...a.paragraphs, "Zephyrine Holdings Inc said it would bid for the company."] });
    const named = [articles.find((a) => a.date.startsWith("2015"))!, articles.find((a) => a.date.startsWith("2016"))!];
    const dir = await writeArchive(articles.map((a) => (named.includes(a) ? naming(a) : a)));
    const cache = await mkdtemp(path.join(os.tmpdir(), "broadsheet-cache-"));
    const first = await buildSite(dir, { cache, env: SHARDED });
    expect(first.code).toBe(0);
    await expect(first.page("/topic/zephyrine-holdings/")).rejects.toThrow();
    const model = articles.find((a) => a.date.startsWith("2018"))!;
    await writeFile(path.join(dir, "2018/added.txt"), articleText(naming({ ...model, file: "2018/added.txt", headline: "Bid for the mill" })));
    const second = await buildSite(dir, { cache, output: first.output, env: SHARDED });
    expect(second.code).toBe(0);
    // 2018 alone: the older articles' search records name the firm as they did, topic or not.
    expect(second.stdout).toMatch(/in 4 shards, 10 indexed this build/u);
    const topicPage = await second.page("/topic/zephyrine-holdings/");
    for (const a of [...named, { ...model, headline: "Bid for the mill" }]) expect(topicPage).toContain(a.headline);
    const clean = await buildSite(dir, { env: SHARDED });
    expect(treeDifferences(await siteTree(first.output), await siteTree(clean.output))).toEqual([]);
  });

  it("indexes every year again when the words kept in the build cache are lost, and writes the same site", async () => {
    const { dir, cache, first } = await builtOnce();
    const tree = await siteTree(first.output);
    const kept = (await readdir(cache)).filter((f) => f.startsWith("search-words-"));
    expect(kept.length).toBe(1);
    await rm(path.join(cache, kept[0]!), { recursive: true });
    const second = await buildSite(dir, { cache, output: first.output, env: SHARDED });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/in 4 shards, 36 indexed this build/u);
    expect(treeDifferences(await siteTree(first.output), tree)).toEqual([]);
  });

  // A 2015 word's file deleted; the file of "offici", a word of every year and of the new article, cut short.
  it.each([
    { how: "deleted from the output", word: uniqueWordOf(articles.find((a) => a.date.startsWith("2015"))!), damage: (file: string) => rm(file) },
    { how: "cut short", word: "offici", damage: async (file: string) => writeFile(file, (await readFile(file, "utf8")).slice(0, 20)) },
  ])("writes again a directory file $how, as a clean build would, when a new article changes others", async ({ word, damage }) => {
    const { dir, cache, first } = await builtOnce();
    const model = articles.find((a) => a.date.startsWith("2017"))!;
    await damage(path.join(first.output, "search-words", await fileOfWord(first.output, word)));
    await writeFile(path.join(dir, "2017/added.txt"), articleText({ ...model, file: "2017/added.txt", headline: "Wombat census", paragraphs: ["Officials counted the wombats."] }));
    const second = await buildSite(dir, { cache, output: first.output, env: SHARDED });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/in 4 shards, 10 indexed this build/u);
    // Changing only what 2017's words change would leave the file as it was left.
    expect((await directoryOf(first.output)).words.get(word)).toBeDefined();
    const clean = await buildSite(dir, { env: SHARDED });
    expect(treeDifferences(await siteTree(first.output), await siteTree(clean.output))).toEqual([]);
  });

  it("writes a directory of one period for an archive in one index, in place of the larger archive's", async () => {
    const { dir, cache, first } = await builtOnce();
    const second = await buildSite(dir, { cache, output: first.output });
    expect(second.code).toBe(0);
    const { words } = await directoryOf(first.output);
    expect([...periodsOf(words.get("offici"))!.keys()]).toEqual([0]);
    const summary = JSON.parse(await readFile(path.join(first.output, "search-words", "periods.json"), "utf8")) as { pages: number[] };
    expect(summary.pages).toEqual([articles.length]);
  });
});

describe("the word directory's kept words", () => {
  it("are read again from the search bundles when damaged in the build cache, and the site stays as a clean build writes it", async () => {
    const dir = await writeArchive(articles);
    const cache = await mkdtemp(path.join(os.tmpdir(), "broadsheet-cache-"));
    const first = await buildSite(dir, { cache, env: SHARDED });
    expect(first.code).toBe(0);
    const tree = await siteTree(first.output);
    const kept = (await readdir(cache)).find((f) => f.startsWith("search-words-"))!;
    const list = path.join(cache, kept, "pagefind-2016.v8");
    await writeFile(list, (await readFile(list)).subarray(0, 100));
    // A new year, 2019: the directory is made whole from every year's words, 2016's read again.
    const model = articles.find((a) => a.date.startsWith("2018"))!;
    await writeFile(path.join(dir, "2018/added.txt"), articleText({ ...model, file: "2018/added.txt", date: "2019-05-01", headline: "Quokka census", paragraphs: ["Officials counted the quokkas."] }));
    const second = await buildSite(dir, { cache, output: first.output, env: SHARDED });
    expect(second.code).toBe(0);
    const clean = await buildSite(dir, { env: SHARDED });
    expect(treeDifferences(await siteTree(first.output), await siteTree(clean.output))).toEqual([]);
    expect(treeDifferences(tree, await siteTree(first.output)).length).toBeGreaterThan(0);
  });
});
