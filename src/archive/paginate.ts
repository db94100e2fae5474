/** A link in a pager: a page number, or a gap (`…`) where pages are left out. */
export type PageLink = { readonly number: number; readonly url: string; readonly current: boolean } | { readonly gap: true };

/** One page of a paginated listing: a section front, a source page. */
export interface ListingPage<T> {
  readonly url: string;
  /** 1-based. */
  readonly pageNumber: number;
  readonly pageCount: number;
  readonly items: readonly T[];
  /** First, last, and the pages around this one: a pager stays short in a section of 500 pages. */
  readonly links: readonly PageLink[];
  readonly previousUrl: string | null;
  readonly nextUrl: string | null;
}

/** Pages shown either side of the current one in a pager. */
const AROUND = 2;

/** `base` for the first page, `base` + `page/N/` for the others: the first page's URL never changes. */
export function pageUrl(base: string, pageNumber: number): string {
  return pageNumber === 1 ? base : `${base}page/${pageNumber}/`;
}

/** The page numbers a pager shows, ascending: the first, the last, and those around `current`. */
function shownPages(current: number, count: number): number[] {
  if (count < 1) return [];
  if (count === 1) return [1];
  const from = Math.max(2, current - AROUND);
  const to = Math.min(count - 1, current + AROUND);
  const around = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  return [1, ...around, count];
}

/**
 * The pager of page `current` of `count`, a gap wherever pages are left out. Built from the few
 * pages shown, not by walking every page: a section of 1,500 pages made 2 million steps otherwise.
 */
export function pageLinks(base: string, current: number, count: number): PageLink[] {
  const links: PageLink[] = [];
  let previous = 0;
  for (const n of shownPages(current, count)) {
    if (n > previous + 1) links.push({ gap: true });
    links.push({ number: n, url: pageUrl(base, n), current: n === current });
    previous = n;
  }
  return links;
}

export function paginate<T>(items: readonly T[], size: number, base: string): ListingPage<T>[] {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: pageCount }, (_, i) => ({
    url: pageUrl(base, i + 1),
    pageNumber: i + 1,
    pageCount,
    items: items.slice(i * size, (i + 1) * size),
    links: pageLinks(base, i + 1, pageCount),
    previousUrl: i > 0 ? pageUrl(base, i) : null,
    nextUrl: i + 1 < pageCount ? pageUrl(base, i + 2) : null,
  }));
}
