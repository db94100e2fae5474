import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleText, fixtureArticles, writeArchive, type FixtureArticle } from "../support/fixtureArchive.js";
import { anchors, findArticleUrls, mainOf, sectionSlug } from "../support/siteFiles.js";
import {
  describeEnd,
  differencesFromClean,
  eventually,
  freePort,
  freshPlace,
  projectSettings,
  settingsFile,
  sleep,
  startBroadsheet,
  type BuildPlace,
  type Running,
} from "../support/faults.js";

/*
 * `broadsheet serve` (`npm start`) rebuilds as articles and settings change. What it leaves in the
 * output once stopped is what a clean build of the final articles and settings writes, and while it
 * runs, a deleted article's page goes, and a new page size re-paginates the section fronts.
 */

const fixture = fixtureArticles();
const section = "HARBOUR NEWS";
const inSection = fixture.filter((a) => a.section === section);
const gone = inSection[2]!;
/** How long a change may take to show: a rebuild of the fixture takes a second or two. */
const SHOWS_WITHIN = 30_000;

/** The HTTP status the server answers `url` with. */
function status(base: string, url: string): Promise<number> {
  return new Promise((resolve) => {
    http.get(`${base}${url}`, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on("error", () => resolve(0));
  });
}

/** The articles a section front's page lists: links in its main content to the section's article pages. */
async function listed(output: string): Promise<Set<string>> {
  const html = await readFile(path.join(output, sectionSlug(section), "index.html"), "utf8").catch(() => "");
  if (!html) return new Set();
  const article = new RegExp(`^/${sectionSlug(section)}/\\d{4}/\\d{2}/\\d{2}/[^/]+/$`, "u");
  return new Set(anchors(mainOf(html)).map((a) => a.href).filter((href) => article.test(href)));
}

describe("the watch server", () => {
  let place: BuildPlace;
  let settings: string;
  let server: Running;
  let base: string;
  let goneUrl: string;

  /** Waits until the server's output has stopped changing: the rebuild, search index included, is over. */
  async function settled(): Promise<void> {
    let last = "";
    let still = 0;
    while (still < 4) {
      await sleep(500);
      const now = server.stdout() + server.stderr();
      still = now === last ? still + 1 : 0;
      last = now;
    }
  }

  beforeAll(async () => {
    settings = await settingsFile(JSON.stringify({ ...(await projectSettings()), pageSize: 30 }, null, 2));
    place = { ...(await freshPlace(await writeArchive(fixture))), env: { BROADSHEET_SETTINGS: settings } };
    const port = await freePort();
    base = `http://localhost:${port}`;
    server = startBroadsheet(["serve", "--quiet", `--output=${place.output}`, `--port=${port}`], {
      env: { BROADSHEET_ARTICLES: place.articles, BROADSHEET_CACHE: place.cache, ...place.env },
      timeoutMs: 170_000,
    });
    const up = await eventually(async () => existsSync(path.join(place.output, "index.html")) && (await status(base, "/")) === 200, SHOWS_WITHIN, 200);
    if (!up) throw new Error(`the server did not serve its first build: ${describeEnd(await server.interrupt())}`);
    await settled();
    goneUrl = (await findArticleUrls(place.output, [gone])).get(gone)!;
    expect(await listed(place.output)).toContain(goneUrl);
  });

  afterAll(async () => {
    await server?.interrupt();
  });

  it("takes a deleted article's page away, and off its section front", async () => {
    await rm(path.join(place.articles, gone.file));
    const file = path.join(place.output, goneUrl, "index.html");
    const away = await eventually(async () => (!existsSync(file) || (await status(base, goneUrl)) === 404) && !(await listed(place.output)).has(goneUrl), SHOWS_WITHIN, 250);
    expect(away, `${goneUrl} still published or listed ${SHOWS_WITHIN / 1000} s after its file was deleted:\n${server.stderr().slice(-2000)}`).toBe(true);
    await settled();
  });

  it("re-paginates the section fronts when pageSize changes in the settings file", async () => {
    const pageSize = 4;
    await writeFile(settings, JSON.stringify({ ...(await projectSettings()), pageSize }, null, 2));
    const repaginated = await eventually(async () => (await listed(place.output)).size === pageSize, SHOWS_WITHIN, 250);
    expect(repaginated, `the first page of /${sectionSlug(section)}/ lists ${(await listed(place.output)).size} articles, not ${pageSize}`).toBe(true);
    await settled();
  });

  it("shows a new article after its build cache was deleted, not trusting what it remembers", async () => {
    // What the README says to do to force a clean build, done while the server runs: what the
    // server kept in memory of its caches (src/io/keptInMemory.ts) no longer matches the files.
    await rm(place.cache, { recursive: true, force: true });
    const added = { ...fixture[0]!, file: "added-while-serving.txt", headline: "A story saved while the server runs" };
    await writeFile(path.join(place.articles, added.file), articleText(added));
    const shown = await eventually(async () => (await findArticleUrls(place.output, [added]).catch(() => new Map())).has(added), SHOWS_WITHIN, 250);
    expect(shown, `the new article was not published within ${SHOWS_WITHIN / 1000} s:\n${server.stderr().slice(-2000)}`).toBe(true);
    await settled();
    // With no record, the output was emptied and drawn again in full: the pages removed before are still gone.
    expect(existsSync(path.join(place.output, goneUrl, "index.html"))).toBe(false);
  });

  it("shows an article saved into a folder made while it runs, and an edit of it", async () => {
    const folder = path.join(place.articles, "2026", "wire");
    await mkdir(folder, { recursive: true });
    const added = { ...fixture[1]!, file: path.join("2026", "wire", "filed-later.txt"), headline: "A story filed into a new folder" };
    await writeFile(path.join(place.articles, added.file), articleText(added));
    const urls = async (): Promise<Map<FixtureArticle, string>> => findArticleUrls(place.output, [added]).catch(() => new Map());
    expect(await eventually(async () => (await urls()).has(added), SHOWS_WITHIN, 250), `not published within ${SHOWS_WITHIN / 1000} s:\n${server.stderr().slice(-2000)}`).toBe(true);
    await settled();
    const page = path.join(place.output, (await urls()).get(added)!, "index.html");
    await writeFile(path.join(place.articles, added.file), articleText({ ...added, paragraphs: [...added.paragraphs, "A paragraph added once it was published."] }));
    const edited = await eventually(async () => (await readFile(page, "utf8").catch(() => "")).includes("A paragraph added once it was published."), SHOWS_WITHIN, 250);
    expect(edited, `the edit was not published within ${SHOWS_WITHIN / 1000} s`).toBe(true);
    await settled();
    // The server says what it rebuilt for, as Eleventy does for a template.
    expect(server.stdout()).toMatch(/broadsheet: articles changed: \S*filed-later\.txt/u);
  });

  it("leaves, once stopped, what a clean build of the final articles and settings writes", async () => {
    const end = await server.interrupt();
    expect(end.timedOut, describeEnd(end)).toBe(false);
    expect(await differencesFromClean(place)).toEqual([]);
  });
});
