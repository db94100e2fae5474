import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { articleText, fixtureArticles, writeArchive } from "../support/fixtureArchive.js";
import {
  NEW_SECTION,
  addArticles,
  addedArticles,
  build,
  cacheFiles,
  describeEnd,
  differencesFromClean,
  faultSeed,
  freshPlace,
  gatedPagefind,
  holdsPage,
  keepCopy,
  killAfter,
  killWhen,
  removeArticles,
  seededRandom,
  spreadFractions,
  startBuild,
  temporaryFiles,
  type BuildPlace,
} from "../support/faults.js";

/*
 * A build killed with `kill -9` (a closed terminal, a CI job cancelled, the machine's OOM killer)
 * must never leave a site that the next build trusts: whatever the next build writes is byte for
 * byte what a clean build of the same articles writes, and no half-written file is left behind.
 */

const fixture = fixtureArticles();
const seed = faultSeed();
const random = seededRandom(seed);
const KILLS = 4;
const cleanPoints = spreadFractions(random, KILLS);
const incrementalPoints = spreadFractions(random, KILLS);
const percent = (f: number): string => `${Math.round(f * 100)}%`;

/** Between the built site and the incremental build: 5 articles added, 2 removed, 1 edited. */
async function changeArchive(dir: string): Promise<void> {
  await addArticles(dir, addedArticles(5));
  await removeArticles(dir, [fixture[3]!, fixture[20]!]);
  const edited = fixture[11]!;
  await writeFile(path.join(dir, edited.file), articleText({ ...edited, paragraphs: [...edited.paragraphs, "A correction to this report was added on Friday."] }));
}

/** The next build's verdict: exit 0, a clean build's tree, and no `*.tmp` file in output or cache. */
async function expectCleanAfter(place: BuildPlace, what: string): Promise<void> {
  const again = await build(place);
  expect(again.code, `${what}; the next build: ${describeEnd(again)}`).toBe(0);
  expect(await differencesFromClean(place), `${what}; files where the next build differs from a clean build`).toEqual([]);
  expect(await temporaryFiles(place.output, place.cache), `${what}; temporary files left after the next build`).toEqual([]);
}

describe(`kill -9 at random points of a build, then build again (seed ${seed}; BROADSHEET_FAULT_SEED=${seed} repeats it)`, () => {
  let articles: string;
  let cleanMs = 0;

  beforeAll(async () => {
    articles = await writeArchive(fixture);
    const first = await build(await freshPlace(articles));
    expect(first.code, describeEnd(first)).toBe(0);
    cleanMs = first.ms;
  });

  for (const point of cleanPoints) {
    it(`a clean build killed at ${percent(point)} of its time: the next build equals a clean build`, async () => {
      const place = await freshPlace(articles);
      const delay = Math.round(point * cleanMs);
      const killed = await killAfter(startBuild(place), delay);
      await expectCleanAfter(place, `clean build ${killed ? "killed" : "ended before its kill"} at ${delay} ms of ${Math.round(cleanMs)} ms`);
    });
  }

  describe("an incremental build (5 articles added, 2 removed, 1 edited)", () => {
    let place: BuildPlace;
    let restore: () => Promise<void>;
    let incrementalMs = 0;

    beforeAll(async () => {
      place = await freshPlace(await writeArchive(fixture));
      const first = await build(place);
      expect(first.code, describeEnd(first)).toBe(0);
      restore = await keepCopy(place);
      await changeArchive(place.articles);
      const timed = await build(place);
      expect(timed.code, describeEnd(timed)).toBe(0);
      incrementalMs = timed.ms;
    });

    for (const point of incrementalPoints) {
      it(`killed at ${percent(point)} of its time: the next build equals a clean build`, async () => {
        await restore();
        await changeArchive(place.articles);
        const delay = Math.round(point * incrementalMs);
        const killed = await killAfter(startBuild(place), delay);
        await expectCleanAfter(place, `incremental build ${killed ? "killed" : "ended before its kill"} at ${delay} ms of ${Math.round(incrementalMs)} ms`);
      });
    }
  });
});

describe("a build killed once it has drawn new pages, and the change undone (Ctrl-C, then git checkout)", () => {
  const added = addedArticles(20);
  let place: BuildPlace;

  beforeAll(async () => {
    place = await freshPlace(await writeArchive(fixture));
    const first = await build(place);
    expect(first.code, describeEnd(first)).toBe(0);
    await addArticles(place.articles, added);
    // Pagefind held back, so that the build cannot end before the kill, however loaded the machine.
    const pagefind = await gatedPagefind();
    const running = startBuild(place, { env: pagefind.env });
    // The new section's first article page: the build is drawing the added articles.
    const killed = await killWhen(running, () => holdsPage(path.join(place.output, NEW_SECTION)));
    const end = await running.done;
    expect(killed, `the build must be killed while it draws pages, but it ended first: ${describeEnd(end)}`).toBe(true);
    expect(existsSync(path.join(place.output, NEW_SECTION)), "the killed build had drawn pages of the new section").toBe(true);
    await removeArticles(place.articles, added);
  });

  it("builds the old archive again exactly as a clean build does: no page of the added articles, no stale section", async () => {
    const again = await build(place);
    expect(again.code, describeEnd(again)).toBe(0);
    expect(existsSync(path.join(place.output, NEW_SECTION)), `/${NEW_SECTION}/ is a section with no article left`).toBe(false);
    expect(await differencesFromClean(place)).toEqual([]);
  });

  it("and stays so on one more rebuild", async () => {
    const again = await build(place);
    expect(again.code, describeEnd(again)).toBe(0);
    expect(await differencesFromClean(place)).toEqual([]);
  });
});

describe("half-written files of a killed build", () => {
  it("are gone after the next build, from the cache and from the output", async () => {
    const place = await freshPlace(await writeArchive(fixture));
    const first = await build(place);
    expect(first.code, describeEnd(first)).toBe(0);
    // What a build killed while writing leaves: `<file>.<pid>.tmp` beside the file it was
    // replacing (see the issue: a related-*.v8.<pid>.tmp of 1 MB). A kill lands inside such a
    // write too rarely on a small archive to wait for one, so they are made here, named for a
    // process that has ended.
    const dead = spawnSync("true").pid;
    const [related] = await cacheFiles(place.cache, /^related-.*\.v8$/u);
    const [manifest] = await cacheFiles(place.cache, /^manifest-.*\.json$/u);
    expect(related, "the build keeps a related index in its cache").toBeDefined();
    const left = [`${related}.${dead}.tmp`, `${manifest}.${dead}.tmp`, path.join(place.output, "search-words", `1.json.${dead}.tmp`)];
    for (const file of left) await writeFile(file, "half a file");
    const again = await build(place);
    expect(again.code, describeEnd(again)).toBe(0);
    expect(await temporaryFiles(place.output, place.cache)).toEqual([]);
    expect(await differencesFromClean(place)).toEqual([]);
  });
});
