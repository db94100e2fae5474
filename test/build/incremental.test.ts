import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite, projectCopy, type BuiltSite } from "../support/buildSite.js";
import { articleText, fixtureArticles, writeArchive } from "../support/fixtureArchive.js";
import { siteTree, treeDifferences } from "../support/siteTree.js";

const articles = fixtureArticles();
// The newest article: it is in the site's feeds, so its removal must show there too.
const gone = [...articles].sort((a, b) => (a.date < b.date ? 1 : -1))[0]!;
const goneFile = gone.file;

async function pageUrlOf(output: string, headline: string): Promise<string | undefined> {
  const sitemap = await readFile(path.join(output, "sitemap.xml"), "utf8");
  const urls = [...sitemap.matchAll(/<loc>http:\/\/localhost:8080(\/[^<]*)<\/loc>/gu)].map((m) => m[1]!);
  for (const url of urls.filter((u) => /\/\d{4}\/\d{2}\/\d{2}\/./u.test(u))) {
    const html = await readFile(path.join(output, url, "index.html"), "utf8");
    if (html.includes(`<h1 class="headline">${headline}</h1>`)) return url;
  }
  return undefined;
}

/** Whether any Pagefind fragment (one per indexed page, gzipped JSON holding its URL) names `url`. */
async function searchFragmentsMention(output: string, url: string): Promise<boolean> {
  const tree = await siteTree(path.join(output, "pagefind"));
  const fragments = [...tree.keys()].filter((f) => f.startsWith("fragment/"));
  const texts = await Promise.all(fragments.map(async (f) => gunzipSync(await readFile(path.join(output, "pagefind", f))).toString("utf8")));
  return texts.some((t) => t.includes(url));
}

/** The fixture archive built once, with a build cache of its own, to be changed and built again. */
async function builtOnce(): Promise<{ dir: string; cache: string; first: BuiltSite }> {
  const dir = await writeArchive(articles);
  const cache = await mkdtemp(path.join(os.tmpdir(), "broadsheet-cache-"));
  return { dir, cache, first: await buildSite(dir, { cache }) };
}

/** What an incremental build left is byte for byte what a clean build of the same files writes. */
async function expectSameAsCleanBuild(dir: string, output: string): Promise<void> {
  const clean = await buildSite(dir);
  expect(treeDifferences(await siteTree(output), await siteTree(clean.output))).toEqual([]);
}

describe("rebuilding an archive that changed", () => {
  it("removes a deleted article's page, search entry, feed entry and sitemap entry, and rebuilds to exactly a clean build", async () => {
    const { dir, cache, first } = await builtOnce();
    expect(first.code).toBe(0);
    const url = await pageUrlOf(first.output, gone.headline);
    expect(url).toBeDefined();
    expect(await readFile(path.join(first.output, "feed.json"), "utf8")).toContain(gone.headline);
    expect(await searchFragmentsMention(first.output, url!)).toBe(true);

    await rm(path.join(dir, goneFile));
    const second = await buildSite(dir, { cache, output: first.output });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/\b1 removed\b/u);
    expect(existsSync(path.join(first.output, url!, "index.html"))).toBe(false);
    const sitemap = await readFile(path.join(first.output, "sitemap.xml"), "utf8");
    expect(sitemap).not.toContain(url!);
    for (const feed of ["feed.json", "feed.xml"]) expect(await readFile(path.join(first.output, feed), "utf8")).not.toContain(gone.headline);
    expect(await searchFragmentsMention(first.output, url!)).toBe(false);

    await expectSameAsCleanBuild(dir, first.output);
  });

  it("draws again the pages and feeds deleted from the output by hand, and only those", async () => {
    const { dir, cache, first } = await builtOnce();
    const url = await pageUrlOf(first.output, gone.headline);
    const deleted = [path.join(url!, "index.html"), "feed.json", path.join("archive", gone.date.slice(0, 4), "index.html")];
    for (const file of deleted) await rm(path.join(first.output, file));
    const second = await buildSite(dir, { cache, output: first.output });
    expect(second.code).toBe(0);
    for (const file of deleted) expect(existsSync(path.join(first.output, file))).toBe(true);
    // The article page, the year page, and the feed with its twin: nothing else of the archive.
    expect(second.stdout).toMatch(/article 1\b/u);
    expect(second.stdout).toMatch(/feed-json 1\b/u);
    await expectSameAsCleanBuild(dir, first.output);
  });

  it("adds a new article by drawing only the pages it touches", async () => {
    const { dir, cache, first } = await builtOnce();
    const added = { ...articles[0]!, file: "new/late-story.txt", headline: "Late story about the regatta", date: "2018-12-30" };
    await mkdir(path.join(dir, "new"), { recursive: true });
    await writeFile(path.join(dir, added.file), articleText(added));
    const second = await buildSite(dir, { cache, output: first.output });
    expect(second.code).toBe(0);
    const written = Number(/wrote (\d+) pages/u.exec(second.stdout)?.[1]);
    const kept = Number(/(\d+) unchanged pages kept/u.exec(second.stdout)?.[1]);
    expect(kept).toBeGreaterThan(written);
    expect(await pageUrlOf(first.output, added.headline)).toBeDefined();
    await expectSameAsCleanBuild(dir, first.output);
  });

  it("shows an edited article's new words on its page, in the teasers linking to it and in search", async () => {
    const { dir, cache, first } = await builtOnce();
    const url = await pageUrlOf(first.output, gone.headline);
    // Same headline and date, so the same URL: only the words change.
    const edited = { ...gone, standfirst: "Corrected: the quay reopens on Thursday", paragraphs: ["Harbour officials corrected their notice on Monday, saying the quay would reopen on Thursday instead."] };
    await writeFile(path.join(dir, goneFile), articleText(edited));
    const second = await buildSite(dir, { cache, output: first.output });
    expect(second.code).toBe(0);
    expect(await readFile(path.join(first.output, url!, "index.html"), "utf8")).toContain("reopen on Thursday instead");
    expect(await searchFragmentsMention(first.output, url!)).toBe(true);
    await expectSameAsCleanBuild(dir, first.output);
  });

  it("keeps an article's URL when its file is renamed with its content unchanged", async () => {
    const { dir, cache, first } = await builtOnce();
    const before = await pageUrlOf(first.output, gone.headline);
    await rename(path.join(dir, goneFile), path.join(dir, "renamed-elsewhere.txt"));
    const second = await buildSite(dir, { cache, output: first.output });
    expect(second.code).toBe(0);
    expect(await pageUrlOf(first.output, gone.headline)).toBe(before);
  });

  it("removes the page of a page template deleted from the project, as a clean build would not have it", async () => {
    const project = await projectCopy();
    const about = path.join(project, "pages", "about.njk");
    await writeFile(about, "---\npermalink: /about/\n---\n<!doctype html><title>About</title><p>About this archive.</p>\n");
    const dir = await writeArchive(articles);
    const cache = await mkdtemp(path.join(os.tmpdir(), "broadsheet-cache-"));
    const first = await buildSite(dir, { cache, project });
    expect(first.code, first.stderr).toBe(0);
    expect(await first.page("/about/")).toContain("About this archive.");

    await rm(about);
    const again = await buildSite(dir, { cache, project, output: first.output });
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(path.join(first.output, "about"))).toBe(false);
    expect(again.stdout).toMatch(/\b1 removed\b/u);
    const clean = await buildSite(dir, { project });
    expect(treeDifferences(await siteTree(first.output), await siteTree(clean.output))).toEqual([]);
  });

  it("writes byte-identical output for the same input, build after build", async () => {
    const dir = await writeArchive(articles);
    const a = await buildSite(dir);
    const b = await buildSite(dir);
    expect(treeDifferences(await siteTree(a.output), await siteTree(b.output))).toEqual([]);
  });
});
