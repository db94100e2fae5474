import { describe, expect, it } from "vitest";
import { buildSite } from "../support/buildSite.js";
import { fixtureArticles, writeArchive } from "../support/fixtureArchive.js";
import { siteTree, treeDifferences } from "../support/siteTree.js";

// A 100,000-article archive is drawn a few thousand pages per run (pagesPerRun); here a small
// archive is cut into runs of seven pages to show that the site is the same either way.
describe("drawing the archive in several runs", () => {
  it("writes exactly the site one run writes, and counts every page in its summary", async () => {
    const dir = await writeArchive(fixtureArticles());
    const [batched, whole] = await Promise.all([buildSite(dir, { env: { BROADSHEET_PAGES_PER_RUN: "7" } }), buildSite(dir)]);
    expect(batched.code).toBe(0);
    expect(whole.code).toBe(0);
    expect(treeDifferences(await siteTree(batched.output), await siteTree(whole.output))).toEqual([]);
    const wrote = (stdout: string) => /wrote (\d+ pages \([^)]*\))/u.exec(stdout)?.[1];
    expect(wrote(batched.stdout)).toBeDefined();
    expect(wrote(batched.stdout)).toBe(wrote(whole.stdout));
  });
});
