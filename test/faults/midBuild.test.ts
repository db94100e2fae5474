import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { articleText, fixtureArticles, writeArchive, type FixtureArticle } from "../support/fixtureArchive.js";
import {
  NEW_SECTION,
  addArticles,
  addedArticles,
  build,
  describeEnd,
  differencesFromClean,
  eventually,
  freshPlace,
  gatedPagefind,
  holdsPage,
  removeArticles,
  sleep,
  startBuild,
  whileRunning,
  type BuildPlace,
  type Ended,
} from "../support/faults.js";

/*
 * Articles change while a build runs (an editor saves, a sync lands, a branch is checked out), and
 * two builds start at once (a watcher and a CI step, two terminals). Each build may fail, if it says
 * why; the next build must still be byte for byte a clean build of the files as they then are.
 */

const fixture = fixtureArticles();
/** An old article, cached by the first build: its text is read again when search indexes it. */
const old = fixture[0]!;

/** The base archive, built once into its own place. */
async function builtBase(env?: Record<string, string>): Promise<BuildPlace> {
  const place = { ...(await freshPlace(await writeArchive(fixture))), env };
  const first = await build(place);
  expect(first.code, describeEnd(first)).toBe(0);
  return place;
}

/** Waits, polling, until the running build has drawn a page of the new section; fails if it ended first. */
async function untilDrawing(place: BuildPlace, running: ReturnType<typeof startBuild>): Promise<void> {
  if (await whileRunning(running, () => holdsPage(path.join(place.output, NEW_SECTION)))) return;
  expect.fail(`the build ended before it drew a page of /${NEW_SECTION}/: ${describeEnd(await running.done)}`);
}

/** A failed build must say which file changed under it. */
function expectNamesAFile(end: Ended, files: readonly FixtureArticle[]): void {
  if (end.code === 0) return;
  expect(end.timedOut, describeEnd(end)).toBe(false);
  const named = files.some((a) => end.stderr.includes(a.file));
  expect(named, `a failed build names one of the files that changed (${files.map((a) => a.file).join(", ")}): ${describeEnd(end)}`).toBe(true);
}

async function expectNextBuildClean(place: BuildPlace): Promise<void> {
  const next = await build(place);
  expect(next.code, `the next build: ${describeEnd(next)}`).toBe(0);
  expect(await differencesFromClean(place)).toEqual([]);
}

describe("files changed while a build runs", () => {
  // Pagefind held back until the files have changed, as on a loaded machine: search indexing,
  // which reads the articles' text, then runs after the change.
  it("new articles deleted again, and an old one with them, while their pages are drawn: the next build equals a clean build", async () => {
    const place = await builtBase();
    const added = addedArticles(20);
    await addArticles(place.articles, added);
    const pagefind = await gatedPagefind();
    const running = startBuild(place, { env: pagefind.env });
    await untilDrawing(place, running);
    const deleted = [...added, old];
    await removeArticles(place.articles, deleted);
    await pagefind.open();
    const end = await running.done;
    expectNamesAFile(end, deleted);
    await expectNextBuildClean(place);
  });

  it("an old article edited while pages are drawn: the next build equals a clean build", async () => {
    const place = await builtBase();
    await addArticles(place.articles, addedArticles(20));
    const pagefind = await gatedPagefind();
    const running = startBuild(place, { env: pagefind.env });
    await untilDrawing(place, running);
    await writeFile(path.join(place.articles, old.file), articleText({ ...old, headline: `${old.headline}, corrected`, paragraphs: ["A shorter text replaces the report."] }));
    await pagefind.open();
    const end = await running.done;
    expectNamesAFile(end, [old]);
    await expectNextBuildClean(place);
  });
});

describe("two builds at once into the same output, with the same cache", () => {
  const LOCKED = /another build|in progress|locked/iu;
  // Search cut into a period a year: each build writes several search bundles.
  const periods = { BROADSHEET_SEARCH_SHARD_SIZE: "10" };

  /**
   * Two builds started together, their Pagefind held back until both are indexing (or one has
   * ended): their search indexes are then written at the same moment, as on a loaded machine.
   */
  async function togetherIndexing(place: BuildPlace): Promise<Ended[]> {
    const pagefind = await gatedPagefind();
    const builds = [startBuild(place, { env: pagefind.env }), startBuild(place, { env: pagefind.env })];
    await eventually(() => pagefind.arrived() >= 2 || builds.some((b) => b.ended()), 15_000, 20);
    await pagefind.open();
    return Promise.all(builds.map((b) => b.done));
  }

  /** At most one fails, and a failure says another build is running. */
  function expectOneOrALock(ends: readonly Ended[]): void {
    const failed = ends.filter((e) => e.code !== 0);
    expect(failed.length, ends.map(describeEnd).join("\n\n")).toBeLessThanOrEqual(1);
    for (const end of failed) {
      expect(end.timedOut, describeEnd(end)).toBe(false);
      expect(end.stderr, describeEnd(end)).toMatch(LOCKED);
    }
  }

  it("two clean builds started together: at most one fails, saying another build runs; then a build equals a clean build", async () => {
    const place = { ...(await freshPlace(await writeArchive(fixture))), env: periods };
    expectOneOrALock(await togetherIndexing(place));
    await expectNextBuildClean(place);
  });

  it("two incremental builds started together after new articles: at most one fails, saying another build runs; then a build equals a clean build", async () => {
    const place = await builtBase(periods);
    await addArticles(place.articles, addedArticles(5));
    expectOneOrALock(await togetherIndexing(place));
    await expectNextBuildClean(place);
  });

  it("a second build started after the new articles were deleted again and an old one edited, while the first draws them: then a build equals a clean build", async () => {
    const place = await builtBase();
    const added = addedArticles(20);
    await addArticles(place.articles, added);
    // Each build's Pagefind held back, so that the second ends last, as it may on a loaded machine.
    const [firstPagefind, secondPagefind] = [await gatedPagefind(), await gatedPagefind()];
    const first = startBuild(place, { env: firstPagefind.env });
    await untilDrawing(place, first);
    await removeArticles(place.articles, added);
    await writeFile(path.join(place.articles, old.file), articleText({ ...old, paragraphs: [...old.paragraphs, "A line was added later."] }));
    const second = startBuild(place, { env: secondPagefind.env });
    await sleep(300);
    await firstPagefind.open();
    await first.done;
    await secondPagefind.open();
    const ends = await Promise.all([first.done, second.done]);
    // Each may fail here: the first because its files changed, the second because the first runs.
    for (const end of ends) {
      if (end.code === 0) continue;
      expect(end.timedOut, describeEnd(end)).toBe(false);
      const clear = LOCKED.test(end.stderr) || [...added, old].some((a) => end.stderr.includes(a.file));
      expect(clear, `a failed build says another build runs, or names a changed file: ${describeEnd(end)}`).toBe(true);
    }
    await expectNextBuildClean(place);
  });
});
