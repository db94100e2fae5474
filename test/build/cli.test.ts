import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT } from "../support/buildSite.js";
import { writeArchive, fixtureArticles } from "../support/fixtureArchive.js";

const SEED = "articles/000_2b75a7af945c25a9.txt";

function broadsheet(...args: string[]) {
  return spawnSync(process.execPath, ["bin/broadsheet.js", ...args], { cwd: PROJECT, encoding: "utf8" });
}

describe("npx broadsheet parse", () => {
  it("prints the seed article as the documented JSON, field for field", async () => {
    const run = broadsheet("parse", SEED);
    expect(run.status).toBe(0);
    const [article, ...rest] = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rest).toEqual([]);
    expect(Object.keys(article!)).toEqual(["file", "date", "section", "sectionSlug", "headline", "standfirst", "dateline", "body", "source", "url", "words"]);
    expect(article).toMatchObject({
      file: SEED,
      date: "2017-04-12",
      section: "Syrian Conflict",
      sectionSlug: "syrian-conflict",
      headline: "Tillerson and Lavrov meet in Moscow as US blasts Russia about Syria",
      dateline: "Moscow",
      source: "Bloomberg",
      url: "/syrian-conflict/2017/04/12/tillerson-and-lavrov-meet-in-moscow-as-us-blasts-russia-about-syria/",
    });
    const body = article!.body as { type: string; text: string }[];
    expect(body.filter((b) => b.type === "heading")).toEqual([{ type: "heading", text: "Chemical attack" }]);
    expect(body[0]!.text.startsWith("US Secretary of State Rex Tillerson")).toBe(true);
    // Words of the standfirst and body as the file writes them: lines 3 to the credit, less the dateline.
    const lines = (await readFile(path.join(PROJECT, SEED), "utf8")).split("\n").slice(2, -2);
    const words = lines.join(" ").replace("Moscow — ", "").split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    expect(article!.words).toBe(words);
  });
});

describe("npx broadsheet check", () => {
  it("passes a good archive", async () => {
    const dir = await writeArchive(fixtureArticles());
    const run = broadsheet("check", dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/36 files, 36 articles, 0 rejected/u);
  });

  it("lists every problem in an archive as path:line: message and exits non-zero", async () => {
    const dir = await writeArchive(fixtureArticles().slice(0, 2), {
      "bad/date.txt": " date 2017-02-30 WEATHER\nHeadline\nBody.\n",
      "bad/header.txt": "Headline without a header\nBody.\n",
      "bad/body.txt": " date 2017-02-03 WEATHER\n\nJust a headline\n",
    });
    const run = broadsheet("check", dir);
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toContain(`${path.join(dir, "bad/date.txt")}:1: invalid date "2017-02-30": no such day`);
    expect(lines).toContain(`${path.join(dir, "bad/header.txt")}:1: missing header: expected \`date YYYY-MM-DD SECTION\`, found "Headline without a header"`);
    expect(lines).toContain(`${path.join(dir, "bad/body.txt")}:3: no body: the headline is not followed by any paragraph`);
    expect(lines.at(-1)).toMatch(/5 files, 2 articles, 3 rejected/u);
  });
});
