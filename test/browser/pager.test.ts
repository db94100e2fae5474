import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureArticles, writeArchive } from "../support/fixtureArchive.js";
import { projectSettings, settingsFile } from "../support/faults.js";
import { siteInBrowser, type SiteInBrowser } from "../support/siteInBrowser.js";

/*
 * The pager as a reader sees it: one article a page makes the nine Weather articles a front and
 * eight older pages, so that the front's pager folds pages into a gap ("…").
 */
let s: SiteInBrowser;

beforeAll(async () => {
  const settings = await settingsFile(JSON.stringify({ ...(await projectSettings()), pageSize: 1 }));
  s = await siteInBrowser(await writeArchive(fixtureArticles()), { env: { BROADSHEET_SETTINGS: settings } });
});

afterAll(async () => {
  await s?.close();
});

describe("the pager", () => {
  for (const width of [1024, 390]) {
    it(`sets its gap on the same line as the page numbers, centred with them (${width} px wide)`, async () => {
      await s.page.setViewportSize({ width, height: 800 });
      await s.page.goto(`${s.server.url}/weather/`);
      const boxes = await s.page.evaluate(() => {
        const gap = document.querySelector(".pager-gap");
        const link = document.querySelector(".pager-pages a:not([aria-current])");
        if (!gap || !link) return null;
        // The "…" itself, not its box: where a reader sees it.
        const range = document.createRange();
        range.selectNodeContents(gap);
        const dots = range.getBoundingClientRect();
        const number = link.getBoundingClientRect();
        return { dots: dots.top + dots.height / 2, number: number.top + number.height / 2 };
      });
      expect(boxes, "a pager with a gap and a page link").not.toBeNull();
      expect(Math.abs(boxes!.dots - boxes!.number)).toBeLessThan(2);
    });
  }
});
