/**
 * A link in a pager: a page (`number` null for the listing's front, its newest page), or a gap
 * (`…`) where pages are left out.
 */
export type PageLink = { readonly number: number | null; readonly url: string; readonly current: boolean } | { readonly gap: true };

/**
 * One page of a paginated listing: a section front, a source page. Pages are counted from the
 * oldest, and every full page keeps its number and its articles for good: news is added at the
 * newest end, so a new article changes the front (and the pagers of the two or three pages next
 * to it) instead of shifting every page of its section by one. At 100,000 articles, one new wire
 * story redrew all 3,334 pages of its source; now it redraws the front and the pages whose
 * pagers name the newest page.
 */
export interface ListingPage<T> {
  readonly url: string;
  /** Counted from the oldest page, 1; null on the front, which holds the newest `size` to `2 × size − 1`. */
  readonly pageNumber: number | null;
  /** How many pages the listing has, on the front only: deeper pages do not change when it grows. */
  readonly pageCount: number | null;
  /** Newest first. */
  readonly items: readonly T[];
  /** The front, the oldest page, and the pages around this one, newest first: a pager stays short in a section of 500 pages. */
  readonly links: readonly PageLink[];
  /** The next newer page. */
  readonly previousUrl: string | null;
  /** The next older page. */
  readonly nextUrl: string | null;
}

/** Pages shown either side of the current one in a pager. */
const AROUND = 2;

/** `base` for the front, `base` + `page/N/` for page N counted from the oldest. */
export function pageUrl(base: string, pageNumber: number | null): string {
  return pageNumber === null ? base : `${base}page/${pageNumber}/`;
}

/** The places a pager shows, ascending (the front is `count`): the oldest, the front, and those around `current`. */
function shownPages(current: number, count: number): number[] {
  if (count < 1) return [];
  if (count === 1) return [1];
  const from = Math.max(2, current - AROUND);
  const to = Math.min(count - 1, current + AROUND);
  const around = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  return [1, ...around, count];
}

/**
 * The pager of the page at place `current` of `count` (the front is the last place), newest
 * first, a gap wherever pages are left out. Built from the few pages shown, not by walking every
 * page: a section of 1,500 pages made 2 million steps otherwise.
 */
export function pageLinks(base: string, current: number, count: number): PageLink[] {
  return withGaps(shownPages(current, count).reverse(), current, (n) => {
    const number = n === count ? null : n;
    return { number, url: pageUrl(base, number) };
  });
}

/** Links to the places `shown`, in their order, with a gap wherever two are not next to each other. */
function withGaps(shown: readonly number[], current: number, link: (place: number) => { readonly number: number | null; readonly url: string }): PageLink[] {
  const links: PageLink[] = [];
  let previous: number | undefined;
  for (const n of shown) {
    if (previous !== undefined && Math.abs(n - previous) > 1) links.push({ gap: true });
    links.push({ ...link(n), current: n === current });
    previous = n;
  }
  return links;
}

/** Pages of a listing of `total` items: the front holds from `size` to `2 × size − 1` of them, so at least one. */
const pageCount = (total: number, size: number): number => Math.max(1, Math.floor(total / size));

/**
 * `items`, newest first, in pages of `size` counted from the oldest; the front holds the rest,
 * newest first: from `size` to `2 × size − 1` items (all of them, in a listing shorter than two pages).
 */
export function paginate<T>(items: readonly T[], size: number, base: string): ListingPage<T>[] {
  const count = pageCount(items.length, size);
  const numberAt = (place: number): number | null => (place === count ? null : place);
  // Places from the newest: the front (place `count`), then the older pages down to place 1.
  return Array.from({ length: count }, (_, i) => {
    const place = count - i;
    const end = items.length - (place - 1) * size;
    const start = place === count ? 0 : end - size;
    return {
      url: pageUrl(base, numberAt(place)),
      pageNumber: numberAt(place),
      pageCount: place === count ? count : null,
      items: items.slice(start, end),
      links: pageLinks(base, place, count),
      previousUrl: place < count ? pageUrl(base, numberAt(place + 1)) : null,
      nextUrl: place > 1 ? pageUrl(base, place - 1) : null,
    };
  });
}

/**
 * The page of a `paginate`d listing of `total` items that holds the item `index` places from the
 * newest: its number, or null for the front. Deeper pages never move (see ListingPage), so a link
 * to one stays good as the listing grows.
 */
export function pageHolding(total: number, size: number, index: number): number | null {
  const count = pageCount(total, size);
  const place = Math.floor((total - 1 - index) / size) + 1;
  return place >= count ? null : place;
}

/** Page `n` of pages numbered in reading order: `base` for page 1, `base` + `page/N/` after. */
export function numberedPageUrl(base: string, n: number): string {
  return n === 1 ? base : pageUrl(base, n);
}

/**
 * The pager of page `current` of `count` pages numbered in reading order, page 1 at `base`: for
 * a closed period (a long day), which never grows.
 */
export function numberedLinks(base: string, current: number, count: number): PageLink[] {
  return withGaps(shownPages(current, count), current, (n) => ({ number: n, url: numberedPageUrl(base, n) }));
}

/** A month of a listing, and the page that holds its newest item. */
export interface MonthPage {
  /** `2017-04`. */
  readonly period: string;
  readonly url: string;
}

/**
 * Each month of a listing, newest first, with the page that holds its newest item: from there,
 * older pages read on through the month. `dates` are the items' dates, newest first. Pages are
 * counted from the oldest, so a month keeps its page as news is added.
 */
export function monthPages(dates: readonly string[], size: number, base: string): MonthPage[] {
  const months: MonthPage[] = [];
  let last = "";
  dates.forEach((date, index) => {
    const month = date.slice(0, 7);
    if (month === last) return;
    last = month;
    months.push({ period: month, url: pageUrl(base, pageHolding(dates.length, size, index)) });
  });
  return months;
}
