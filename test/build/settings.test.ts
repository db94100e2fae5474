import { mkdtemp, readdir, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, type BuiltSite } from "../support/buildSite.js";
import { fixtureArticles, writeArchive } from "../support/fixtureArchive.js";
import { buildErrors, metaContent, tags } from "../support/siteFiles.js";
import { siteTree } from "../support/siteTree.js";

/**
 * The real build command with a settings file of the test's own (`BROADSHEET_SETTINGS`), never
 * the project's `_data/site.json`: a bad setting stops the build before it writes anything, with
 * one located line per problem; a file that leaves settings out builds with their defaults.
 */

const articles = fixtureArticles().slice(0, 8);
let archive: string;

/** A settings file holding `text`, in a folder of its own. */
async function settingsFile(text: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "broadsheet-settings-")), "site.json");
  await writeFile(file, text);
  return file;
}

function build(settings: string, env: Record<string, string> = {}, output?: string): Promise<BuiltSite> {
  return buildSite(archive, { env: { BROADSHEET_SETTINGS: settings, ...env }, ...(output ? { output } : {}) });
}

/** Each file's bytes and modification time: a build that rewrote a file, even unchanged, shows. */
async function snapshot(root: string): Promise<Map<string, string>> {
  const tree = await siteTree(root);
  for (const [file, hash] of tree) tree.set(file, `${hash} ${(await stat(path.join(root, file))).mtimeMs}`);
  return tree;
}

beforeAll(async () => {
  archive = await writeArchive(articles);
});

describe("a build with a bad setting", () => {
  it("exits non-zero, says which setting and why in one line, and writes nothing", async () => {
    const file = await settingsFile(JSON.stringify({ title: "Island Herald", pageSize: -5 }));
    const site = await build(file);
    expect(site.code).not.toBe(0);
    expect(site.stderr).toBe(`${file}: pageSize: must be a whole number ≥ 1 (got -5)\n`);
    expect(await readdir(site.output)).toEqual([]);
  });

  it("names a bad environment variable the same way", async () => {
    const file = await settingsFile(JSON.stringify({ title: "Island Herald" }));
    const site = await build(file, { BROADSHEET_PAGES_PER_RUN: "abc" });
    expect(site.code).not.toBe(0);
    expect(site.stderr).toBe('BROADSHEET_PAGES_PER_RUN: must be a whole number ≥ 1 (got "abc")\n');
    expect(await readdir(site.output)).toEqual([]);
  });

  it("refuses a settings file holding null", async () => {
    const file = await settingsFile("null\n");
    const site = await build(file);
    expect(site.code).not.toBe(0);
    expect(site.stderr).toBe(`${file}: must be a JSON object (got null)\n`);
    expect(await readdir(site.output)).toEqual([]);
  });

  it("gives the line of invalid JSON", async () => {
    const file = await settingsFile('{\n  "title": "Island Herald",\n  "pageSize": 10,\n}\n');
    const site = await build(file);
    expect(site.code).not.toBe(0);
    expect(site.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}:4: [^\\n]+\\n$`, "u"));
    expect(await readdir(site.output)).toEqual([]);
  });

  it("lists every problem at once, each on its own line, each once", async () => {
    const file = await settingsFile(JSON.stringify({ pageSize: 0, language: "en_US", timeZone: "Mars/Olympus", pathPrefix: "../x" }));
    const site = await build(file, { BROADSHEET_PAGES_PER_RUN: "0" });
    expect(site.code).not.toBe(0);
    expect(site.stderr).toBe(
      [
        `${file}: pathPrefix: must not have a "." or ".." segment (got "../x")`,
        `${file}: language: must be a BCP 47 language tag such as "en" or "pt-BR" (got "en_US"; did you mean "en-US"?)`,
        `${file}: timeZone: must be an IANA time zone such as "UTC" or "Europe/Malta" (got "Mars/Olympus")`,
        `${file}: pageSize: must be a whole number ≥ 1 (got 0)`,
        'BROADSHEET_PAGES_PER_RUN: must be a whole number ≥ 1 (got "0")',
        "",
      ].join("\n"),
    );
    expect(await readdir(site.output)).toEqual([]);
  });

  it("a file named by BROADSHEET_SETTINGS must be there", async () => {
    const missing = path.join(os.tmpdir(), "no-such-settings.json");
    const site = await build(missing);
    expect(site.code).not.toBe(0);
    expect(site.stderr).toBe(`${missing}: no such file (named by BROADSHEET_SETTINGS)\n`);
  });
});

describe("a settings file without description and language", () => {
  let site: BuiltSite;
  let file: string;

  beforeAll(async () => {
    // A misspelt key too. The settings are loaded twice a build (the command checks them, then
    // Eleventy loads its config): the warning must be printed once.
    file = await settingsFile(JSON.stringify({ title: "Island Herald", pageSzie: 5 }));
    site = await build(file);
  });

  it("builds, with the documented defaults in pages and feeds", async () => {
    expect(site.code).toBe(0);
    const home = await site.page("/");
    expect(tags(home, "html")[0]?.lang).toBe("en");
    expect(metaContent(home, "description")).toBe("A searchable archive of news articles.");
    expect(home).toContain("Island Herald");
    const feed = JSON.parse(await site.page("/feed.json")) as { title: string; description: string; language: string };
    expect(feed).toMatchObject({ title: "Island Herald", description: "A searchable archive of news articles.", language: "en" });
  });

  it("warns of the misspelt key once, naming the setting meant, and of nothing else", () => {
    expect(buildErrors(site.stderr)).toBe(`${file}: warning: pageSzie: unknown setting (did you mean pageSize?)`);
  });

  it("leaves that site untouched when a later build's settings are bad", async () => {
    const before = await snapshot(site.output);
    expect(before.size).toBeGreaterThan(articles.length);
    const bad = await settingsFile(JSON.stringify({ title: "Island Herald", timeZone: "Europe/Atlantis" }));
    const again = await build(bad, {}, site.output);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toBe(`${bad}: timeZone: must be an IANA time zone such as "UTC" or "Europe/Malta" (got "Europe/Atlantis")\n`);
    expect(await snapshot(site.output)).toEqual(before);
  });
});
