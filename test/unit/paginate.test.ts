import { describe, expect, it } from "vitest";
import { monthPages, pageLinks, pageUrl, paginate, type PageLink } from "../../src/archive/paginate.js";

/** Items newest first, as listings hold them: n, n − 1, …, 1 (1 the oldest). */
const newestFirst = (n: number): number[] => Array.from({ length: n }, (_, i) => n - i);
const shown = (links: readonly PageLink[]): (number | string)[] => links.map((l) => ("gap" in l ? "…" : (l.number ?? "front")));

describe("pageUrl", () => {
  it("is the listing's own URL for the front", () => {
    expect(pageUrl("/world/", null)).toBe("/world/");
  });

  it("adds page/N/ for the other pages", () => {
    expect(pageUrl("/world/", 1)).toBe("/world/page/1/");
    expect(pageUrl("/world/", 12)).toBe("/world/page/12/");
  });
});

describe("paginate", () => {
  it("gives one empty front for no items, so a listing always has one", () => {
    const pages = paginate([], 10, "/world/");
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ url: "/world/", pageNumber: null, pageCount: 1, items: [], previousUrl: null, nextUrl: null });
  });

  it("keeps up to two pages' worth less one on the front", () => {
    expect(paginate(newestFirst(10), 10, "/world/")).toHaveLength(1);
    expect(paginate(newestFirst(19), 10, "/world/")).toHaveLength(1);
    expect(paginate(newestFirst(19), 10, "/world/")[0]!.items).toEqual(newestFirst(19));
  });

  it("starts a page of the oldest once there are two pages' worth", () => {
    const pages = paginate(newestFirst(20), 10, "/world/");
    expect(pages.map((p) => p.items)).toEqual([[20, 19, 18, 17, 16, 15, 14, 13, 12, 11], [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]]);
    expect(pages.map((p) => [p.pageNumber, p.url])).toEqual([
      [null, "/world/"],
      [1, "/world/page/1/"],
    ]);
  });

  it("keeps every item exactly once, newest first, every page but the front full", () => {
    const pages = paginate(newestFirst(47), 5, "/world/");
    expect(pages.flatMap((p) => p.items)).toEqual(newestFirst(47));
    expect(pages.slice(1).every((p) => p.items.length === 5)).toBe(true);
    expect(pages[0]!.items).toHaveLength(7);
  });

  it("numbers pages from the oldest, so that a page keeps its number and items as news is added", () => {
    const before = paginate(newestFirst(47), 5, "/business/");
    const after = paginate(newestFirst(48), 5, "/business/");
    expect(before.map((p) => p.pageNumber)).toEqual([null, 8, 7, 6, 5, 4, 3, 2, 1]);
    const byUrl = new Map(after.map((p) => [p.url, p]));
    for (const page of before.slice(1)) expect(byUrl.get(page.url)?.items, page.url).toEqual(page.items);
    // The 48th item lands on the front.
    expect(after[0]!.items[0]).toBe(48);
  });

  it("says how many pages there are on the front only", () => {
    const pages = paginate(newestFirst(35), 10, "/business/");
    expect(pages.map((p) => p.pageCount)).toEqual([3, null, null]);
  });

  it("links each page to the next newer and older ones", () => {
    const pages = paginate(newestFirst(20), 10, "/business/");
    expect(pages.map((p) => [p.previousUrl, p.nextUrl])).toEqual([
      [null, "/business/page/1/"],
      ["/business/", null],
    ]);
    const three = paginate(newestFirst(30), 10, "/business/");
    expect(three.map((p) => [p.url, p.previousUrl, p.nextUrl])).toEqual([
      ["/business/", null, "/business/page/2/"],
      ["/business/page/2/", "/business/", "/business/page/1/"],
      ["/business/page/1/", "/business/page/2/", null],
    ]);
  });

  it("links every page of a short listing, newest first, marking the current one", () => {
    const pages = paginate(newestFirst(30), 10, "/business/");
    for (const page of pages) {
      expect(page.links).toEqual([
        { number: null, url: "/business/", current: page.pageNumber === null },
        { number: 2, url: "/business/page/2/", current: page.pageNumber === 2 },
        { number: 1, url: "/business/page/1/", current: page.pageNumber === 1 },
      ]);
    }
  });

  it("keeps the pager of a long listing short: front, oldest, two either side, gaps between", () => {
    const pages = paginate(newestFirst(300), 3, "/business/"); // the front and pages 99 to 1
    const page50 = pages.find((p) => p.pageNumber === 50)!;
    expect(shown(page50.links)).toEqual(["front", "…", 52, 51, 50, 49, 48, "…", 1]);
    expect(shown(pages[0]!.links)).toEqual(["front", 99, 98, "…", 1]);
  });
});

/** The pager as first written: every place in turn (the front last), shown or folded into a gap, newest first. */
function referenceLinks(base: string, current: number, count: number): PageLink[] {
  const links: PageLink[] = [];
  for (let n = count; n >= 1; n--) {
    const number = n === count ? null : n;
    if (n === 1 || n === count || Math.abs(n - current) <= 2) links.push({ number, url: pageUrl(base, number), current: n === current });
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

describe("monthPages", () => {
  // 25 items, newest first, 10 a page: the front holds the newest 15 (places 11 to 25 from the oldest).
  const dates = [
    ...Array.from({ length: 7 }, () => "2019-03-20"),
    ...Array.from({ length: 10 }, () => "2019-02-10"),
    ...Array.from({ length: 8 }, () => "2018-12-05"),
  ];
  const months = monthPages(dates, 10, "/world/");

  it("gives each month once, newest first, leading to the page that holds its newest item", () => {
    expect(months.map((m) => m.period)).toEqual(["2019-03", "2019-02", "2018-12"]);
    const pages = paginate(dates.map((date, i) => ({ date, i })), 10, "/world/");
    for (const month of months) {
      const newest = dates.findIndex((d) => d.startsWith(month.period));
      const holding = pages.find((p) => p.items.some((item) => item.i === newest))!;
      expect(month.url, month.period).toBe(holding.url);
    }
    // February's newest is the 8th item: on the front, with March; December's the 18th, on page 1.
    expect(months.map((m) => m.url)).toEqual(["/world/", "/world/", "/world/page/1/"]);
  });

  it("keeps a month on its numbered page as news is added at the newest end", () => {
    const later = monthPages([...Array.from({ length: 12 }, () => "2019-04-01"), ...dates], 10, "/world/");
    // December stays on page 1; February, pushed off the front, is on the page the front's older
    // items went to, page 2.
    expect(later.map((m) => [m.period, m.url])).toEqual([
      ["2019-04", "/world/"],
      ["2019-03", "/world/"],
      ["2019-02", "/world/page/2/"],
      ["2018-12", "/world/page/1/"],
    ]);
  });
});
