import { describe, expect, it } from "vitest";
import { buildArchive } from "../../src/archive/archive.js";
import { teaser } from "../../src/archive/articlePages.js";
import { articlePageFingerprint, articleStandIns, fingerprint, listingFingerprint, PENDING, planSingles, planUpdates, type StandIn } from "../../src/archive/renderPlan.js";
import { iso, parsed } from "./helpers.js";

const item = (key: string, model: unknown) => ({ key, fingerprint: () => fingerprint(model) });
const everyFileThere = (): boolean => true;

describe("planUpdates: what a rebuild draws again", () => {
  const before = [item("/a/", { headline: "A" }), item("/b/", { headline: "B" }), item("/c/", { headline: "C" })];
  const previous = planUpdates(before, null, everyFileThere).hashes();

  it("draws everything when there is no previous build to compare with", () => {
    const plan = planUpdates(before, null, everyFileThere);
    expect([...plan.changed].sort()).toEqual(["/a/", "/b/", "/c/"]);
    expect(plan.stale).toEqual([]);
  });

  it("draws only pages whose data changed, and removes pages that are gone", () => {
    const now = [item("/a/", { headline: "A" }), item("/b/", { headline: "B, corrected" }), item("/d/", { headline: "D" })];
    const plan = planUpdates(now, previous, everyFileThere);
    expect([...plan.changed].sort()).toEqual(["/b/", "/d/"]);
    expect(plan.stale).toEqual(["/c/"]);
    expect(plan.count).toBe(3);
  });

  it("draws a page again when its file was deleted from the output", () => {
    const plan = planUpdates(before, previous, (key) => key !== "/c/");
    expect([...plan.changed]).toEqual(["/c/"]);
  });

  it("gives the next build the same fingerprints whether they were taken early or late", () => {
    expect(planUpdates(before, previous, everyFileThere).hashes()).toEqual(previous);
  });

  it("draws again the pages an unfinished build marked pending, and removes those it had added", () => {
    // A killed build had set out to redraw /b/ and to add /d/; the articles were then put back.
    const recorded = new Map([...previous, ["/b/", PENDING], ["/d/", PENDING]]);
    const plan = planUpdates(before, recorded, everyFileThere);
    expect([...plan.changed]).toEqual(["/b/"]);
    expect(plan.stale).toEqual(["/d/"]);
  });

  it("still removes the pages of removed articles when templates changed and every page is drawn", () => {
    const now = [item("/a/", { headline: "A" }), item("/b/", { headline: "B" })];
    const plan = planUpdates(now, previous, everyFileThere, false);
    expect([...plan.changed].sort()).toEqual(["/a/", "/b/"]);
    expect(plan.stale).toEqual(["/c/"]);
  });
});

describe("articlePageFingerprint: which article pages a changed file redraws", () => {
  // Three articles in one section: each page links its neighbours, and all share "lighthouse".
  const stories = ["2019-03-01", "2019-03-02", "2019-03-03"].map((date, i) =>
    parsed({ file: `articles/${i}.txt`, date: iso(date), headline: `Lighthouse keeper story ${"abc"[i]}`, body: [{ type: "paragraph", text: "Filler." }] }),
  );
  const unrelated = parsed({ file: "articles/9.txt", sectionRaw: "SPORT", date: iso("2019-03-02"), headline: "Regatta postponed", body: [{ type: "paragraph", text: "Gales." }] });
  const archive = buildArchive([...stories, unrelated], { pageSize: 10, siteTitle: "T" });
  const fingerprints = (digests: Record<string, string>) => {
    const names = articleStandIns(archive.articles, (file) => digests[file], teaser);
    return new Map(archive.articlePages.map((page) => [page.headline, articlePageFingerprint(page, names)]));
  };
  const digests = { "articles/0.txt": "d0", "articles/1.txt": "d1", "articles/2.txt": "d2", "articles/9.txt": "d9" };

  it("redraws an edited article's page and the pages that link to it, and no other", () => {
    const before = fingerprints(digests);
    const after = fingerprints({ ...digests, "articles/0.txt": "d0-edited" });
    const redrawn = [...before.keys()].filter((headline) => before.get(headline) !== after.get(headline)).sort();
    // Story a is linked from b (its newer neighbour, and related) and from c (related).
    expect(redrawn).toEqual(["Lighthouse keeper story a", "Lighthouse keeper story b", "Lighthouse keeper story c"]);
    expect(fingerprints(digests)).toEqual(before);
  });
});

describe("listing fingerprints: which section fronts and date pages a changed file redraws", () => {
  // Twelve articles of one section, a day each, five to a page: a front and numbered pages.
  const stories = Array.from({ length: 12 }, (_, i) =>
    parsed({ file: `articles/${i}.txt`, date: iso(`2019-04-${String(i + 1).padStart(2, "0")}`), headline: `Harbour story ${i}`, body: [{ type: "paragraph", text: "Filler." }] }),
  );
  const archive = buildArchive(stories, { pageSize: 5, siteTitle: "T" });
  const digests = Object.fromEntries(stories.map((s, i) => [s.file, `d${i}`]));
  // As the build takes them (src/build/prepare.ts): section fronts by listingFingerprint, date pages by fingerprint.
  const fingerprints = (digestOf: Record<string, string>) => {
    const names = articleStandIns(archive.articles, (file) => digestOf[file], teaser);
    return new Map<string, string>([
      ...archive.sectionFronts.map((page) => [page.url, listingFingerprint(page, names.standIn)] as const),
      ...archive.datePages.map((page) => [page.url, fingerprint(page, names.standIn)] as const),
    ]);
  };
  const listing = (url: string): string[] => [
    ...archive.sectionFronts.filter((page) => page.items.some((t) => t.url === url)).map((page) => page.url),
    ...archive.datePages.filter((page) => page.sections.some((group) => group.articles.some((t) => t.url === url))).map((page) => page.url),
  ];

  it("redraws the pages that list an edited article, and no other", () => {
    const before = fingerprints(digests);
    expect(fingerprints(digests)).toEqual(before);
    for (const edited of [0, 6, 11]) {
      const after = fingerprints({ ...digests, [stories[edited]!.file]: "edited" });
      const redrawn = [...before.keys()].filter((url) => before.get(url) !== after.get(url)).sort();
      const url = archive.articles.find((a) => a.file === stories[edited]!.file)!.url;
      expect(redrawn.length).toBeGreaterThan(0);
      expect(redrawn).toEqual(listing(url).sort());
    }
  });

  it("redraws a page when anything else it shows changes: a count, a pager link, a period", () => {
    const names: StandIn = articleStandIns(archive.articles, (file) => digests[file], teaser).standIn;
    const front = archive.sectionFronts.find((page) => page.about !== null)!;
    const print = listingFingerprint(front, names);
    expect(listingFingerprint({ ...front, about: { ...front.about!, count: front.about!.count + 1 } }, names)).not.toBe(print);
    expect(listingFingerprint({ ...front, links: front.links.map((l, i) => (i === 0 && "url" in l ? { ...l, url: `${l.url}x` } : l)) }, names)).not.toBe(print);
    expect(listingFingerprint({ ...front, items: front.items.slice(1) }, names)).not.toBe(print);
    const day = archive.datePages.find((page) => page.kind === "day")!;
    expect(fingerprint({ ...day, period: "2019-04-30" }, names)).not.toBe(fingerprint(day, names));
    expect(fingerprint({ ...day, next: null }, names)).not.toBe(fingerprint(day, names));
  });
});

describe("planSingles: the site's single pages, from one build to the next", () => {
  const pages = new Map(Object.entries({ "/feed.xml": "f1", "/2017/": "y1", "/article/one/": "a1" }));

  it("takes a single page the last build wrote and this one did not to be gone, and records the rest in order", () => {
    const plan = planSingles(["/index.html", "/about/index.html", "/robots.txt"], ["/robots.txt", "/index.html", "/search/index.html"], pages, false);
    expect(plan.stale).toEqual(["/about/index.html"]);
    expect(plan.singles).toEqual(["/index.html", "/robots.txt", "/search/index.html"]);
  });

  it("leaves out the archive's pages Eleventy drew (feeds), and never takes a single page that became an archive page to be gone", () => {
    const plan = planSingles(["/index.html", "/2017/index.html"], ["/index.html", "/feed.xml"], pages, false);
    expect(plan.stale).toEqual([]);
    expect(plan.singles).toEqual(["/index.html"]);
  });

  it("takes nothing to be gone after an incremental run, which writes only what a change touched", () => {
    const plan = planSingles(["/index.html", "/about/index.html"], ["/index.html"], pages, true);
    expect(plan.stale).toEqual([]);
    expect(plan.singles).toEqual(["/about/index.html", "/index.html"]);
  });
});
