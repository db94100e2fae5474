import { readFileSync, readdirSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildArchive } from "../../src/archive/archive.js";
import { inRuns } from "../../src/archive/renderPlan.js";
import { loadSettings } from "../../src/io/loadSettings.js";
import { readArchive } from "../../src/io/readArchive.js";
import { articleText, fixtureArticles, writeArchive } from "../support/fixtureArchive.js";
import { build, describeEnd, differencesFromClean, freshPlace, projectSettings, settingsFile, startBuild, whileRunning, type BuildPlace } from "../support/faults.js";
import { siteTree, treeDifferences } from "../support/siteTree.js";
import { topicArticles } from "../support/topicArchive.js";

/*
 * The archive's pages are drawn in runs of `pagesPerRun`, on worker threads and on the build's own
 * (src/build/draw.ts). Runs of seven pages make a small archive need several, so that every
 * thread draws some.
 */
const RUNS_OF_SEVEN = { BROADSHEET_PAGES_PER_RUN: "7" };
const workers = (n: number): Record<string, string> => ({ ...RUNS_OF_SEVEN, BROADSHEET_WORKERS: String(n) });
const wrote = (stdout: string): string | undefined => /wrote (\d+ pages \([^)]*\))/u.exec(stdout)?.[1];

describe("drawing pages on several threads", () => {
  it("writes the same site, byte for byte, with 1, 2 or 4 threads, and counts every page", async () => {
    // With topics: their pages and feeds are drawn in runs too, on whichever thread.
    const articles = await writeArchive([...fixtureArticles(), ...topicArticles()]);
    const places = await Promise.all([1, 2, 4].map(async (n) => freshPlace(articles, workers(n))));
    const ends = [];
    // One after another: run side by side, the threads would wait on each other's builds.
    for (const place of places) ends.push(await build(place));
    for (const end of ends) expect(end.code, describeEnd(end)).toBe(0);
    const [one, ...more] = await Promise.all(places.map((p) => siteTree(p.output)));
    for (const tree of more) expect(treeDifferences(tree, one!)).toEqual([]);
    expect(new Set(ends.map((e) => wrote(e.stdout))).size).toBe(1);
    expect(wrote(ends[0]!.stdout)).toMatch(/^\d+ pages/u);
  });

  it("rebuilds after an added, an edited and a removed article exactly as a clean build, with four threads", async () => {
    const fixture = fixtureArticles();
    const place = await freshPlace(await writeArchive(fixture), workers(4));
    expect((await build(place)).code).toBe(0);
    // The edit and the removal hit pages whose bodies the threads read back from the files.
    const [edited, removed] = [fixture[3]!, fixture[9]!];
    await writeFile(path.join(place.articles, edited.file), articleText({ ...edited, paragraphs: [...edited.paragraphs, "A paragraph added later."] }));
    await rm(path.join(place.articles, removed.file));
    await writeFile(path.join(place.articles, "added.txt"), articleText({ ...fixture[0]!, file: "added.txt", headline: "A story added since the first build" }));
    const rebuilt = await build(place);
    expect(rebuilt.code, describeEnd(rebuilt)).toBe(0);
    expect(await differencesFromClean(place)).toEqual([]);
  });
});

/**
 * Article files whose bodies only a worker thread reads when every page is redrawn: in no feed
 * (Eleventy draws feeds on the build's thread, bodies included), on no page of the last run (the
 * one left to the build's thread when each other run has a worker). Old articles of a section
 * with more than a feed's worth.
 */
async function drawnByWorkersOnly(articles: string, pagesPerRun: number): Promise<string[]> {
  const settings = await loadSettings();
  const read = await readArchive([articles], { boilerplate: settings.boilerplate });
  const archive = buildArchive(read.articles, { sectionNames: settings.sectionNames, pageSize: settings.pageSize, topicMinArticles: settings.topicMinArticles, siteTitle: settings.title });
  const inFeeds = new Set(archive.feeds.flatMap((feed) => feed.articles.map((a) => a.url)));
  const { articlePages, sectionFronts, sourcePages, datePages, topicPages, topicIndexPages, topicFeeds } = archive;
  const runs = inRuns({ articles: articlePages, sectionFronts, sourcePages, datePages, topicPages, topicIndexPages, topicFeeds }, pagesPerRun);
  return runs.slice(0, -1).flatMap((run) => run.articles.filter((page) => !inFeeds.has(page.url)).map((page) => page.file));
}

/** Whether a running build has journalled the pages it is about to draw (src/build/outputRecord.ts). */
function pendingPages(cache: string): boolean {
  const journal = readdirSync(cache).find((name) => /^pending-.*\.log$/u.test(name));
  return journal !== undefined && readFileSync(path.join(cache, journal), "utf8").includes('"pages"');
}

describe("a thread that fails", () => {
  it("stops the build with its error and a non-zero exit; the next build is a clean build", async () => {
    // 30 more articles of one section, from an older year: the oldest ten are in no feed.
    const old = Array.from({ length: 30 }, (_, i) => ({ ...fixtureArticles()[0]!, file: `2001/old-${i}.txt`, date: `2001-01-${String(i + 1).padStart(2, "0")}`, headline: `An old report number ${i + 1}` }));
    const articles = await writeArchive([...fixtureArticles(), ...old]);
    const pagesPerRun = 20;
    // A thread for every run but the last: each worker is handed one as it starts, leaving the last to the build's own thread.
    const place: BuildPlace = await freshPlace(articles, { BROADSHEET_PAGES_PER_RUN: String(pagesPerRun), BROADSHEET_WORKERS: "12" });
    expect((await build(place)).code).toBe(0);
    const gone = await drawnByWorkersOnly(articles, pagesPerRun);
    expect(gone.length).toBeGreaterThan(0);
    // Another title redraws every page, each body read back from its file when its page is drawn.
    const retitled = { ...place, env: { ...place.env, BROADSHEET_SETTINGS: await settingsFile(JSON.stringify({ ...(await projectSettings()), title: "Another title" })) } };
    const running = startBuild(retitled);
    // Once the pages to draw are journalled the plan is made, and the threads are only starting.
    expect(await whileRunning(running, () => pendingPages(place.cache)), "the build ended before it planned its pages").toBe(true);
    await Promise.all(gone.map((file) => rm(file)));
    const end = await running.done;
    expect(end.code, describeEnd(end)).not.toBe(0);
    expect(end.stderr).toMatch(/removed while the site was being built; build again/u);
    expect(gone.some((file) => end.stderr.includes(file)), describeEnd(end)).toBe(true);
    const next = await build(retitled);
    expect(next.code, describeEnd(next)).toBe(0);
    expect(await differencesFromClean(retitled)).toEqual([]);
  });
});
