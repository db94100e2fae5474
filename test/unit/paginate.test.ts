import { describe, expect, it } from "vitest";
import { pageLinks, pageUrl, paginate, type PageLink } from "../../src/archive/paginate.js";

const numbers = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe("pageUrl", () => {
  it("is the listing's own URL for the first page", () => {
    expect(pageUrl("/world/", 1)).toBe("/world/");
  });

  it("adds page/N/ for the other pages", () => {
    expect(pageUrl("/world/", 2)).toBe("/world/page/2/");
    expect(pageUrl("/world/", 12)).toBe("/world/page/12/");
  });
});

describe("paginate", () => {
  it("gives one empty page for no items, so a listing always has a first page", () => {
    const pages = paginate([], 10, "/world/");
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ url: "/world/", pageNumber: 1, pageCount: 1, items: [], previousUrl: null, nextUrl: null });
  });

  it("fits exactly one full page on one page", () => {
    const pages = paginate(numbers(10), 10, "/world/");
    expect(pages).toHaveLength(1);
    expect(pages[0]!.items).toEqual(numbers(10));
  });

  it("starts a second page for one item more", () => {
    const pages = paginate(numbers(11), 10, "/world/");
    expect(pages.map((p) => p.items)).toEqual([numbers(10), [11]]);
    expect(pages.map((p) => p.pageCount)).toEqual([2, 2]);
  });

  it("keeps every item exactly once, in order", () => {
    const pages = paginate(numbers(23), 5, "/world/");
    expect(pages).toHaveLength(5);
    expect(pages.flatMap((p) => p.items)).toEqual(numbers(23));
    expect(pages.every((p) => p.items.length <= 5)).toBe(true);
  });

  it("numbers pages from 1 and gives their URLs", () => {
    const pages = paginate(numbers(7), 3, "/business/");
    expect(pages.map((p) => [p.pageNumber, p.url])).toEqual([
      [1, "/business/"],
      [2, "/business/page/2/"],
      [3, "/business/page/3/"],
    ]);
  });

  it("links each page to the previous and next ones", () => {
    const pages = paginate(numbers(7), 3, "/business/");
    expect(pages.map((p) => [p.previousUrl, p.nextUrl])).toEqual([
      [null, "/business/page/2/"],
      ["/business/", "/business/page/3/"],
      ["/business/page/2/", null],
    ]);
  });

  it("links every page of a short listing, marking the current one", () => {
    const pages = paginate(numbers(7), 3, "/business/");
    for (const page of pages) {
      expect(page.links).toEqual([1, 2, 3].map((n) => ({ number: n, url: n === 1 ? "/business/" : `/business/page/${n}/`, current: n === page.pageNumber })));
    }
  });

  it("keeps the pager of a long listing short: first, last, two either side, gaps between", () => {
    const page = paginate(numbers(300), 3, "/business/")[49]!; // page 50 of 100
    const shown = page.links.map((l) => ("gap" in l ? "…" : l.number));
    expect(shown).toEqual([1, "…", 48, 49, 50, 51, 52, "…", 100]);
  });
});

/** The pager as first written: every page in turn, shown or folded into a gap. */
function referenceLinks(base: string, current: number, count: number): PageLink[] {
  const links: PageLink[] = [];
  for (let n = 1; n <= count; n++) {
    if (n === 1 || n === count || Math.abs(n - current) <= 2) links.push({ number: n, url: pageUrl(base, n), current: n === current });
    else if (!("gap" in (links[links.length - 1] ?? {}))) links.push({ gap: true });
  }
  return links;
}

describe("pageLinks", () => {
  it("gives the same pager as walking every page, for every page of listings of 1 to 60 pages", () => {
    for (let count = 1; count <= 60; count++) {
      for (let current = 1; current <= count; current++) {
        expect(pageLinks("/world/", current, count), `page ${current} of ${count}`).toEqual(referenceLinks("/world/", current, count));
      }
    }
  });
});
