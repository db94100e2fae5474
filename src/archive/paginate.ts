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

export function pageLinks(base: string, current: number, count: number): PageLink[] {
  const links: PageLink[] = [];
  for (let n = 1; n <= count; n++) {
    if (n === 1 || n === count || Math.abs(n - current) <= AROUND) links.push({ number: n, url: pageUrl(base, n), current: n === current });
    else if (!("gap" in (links[links.length - 1] ?? {}))) links.push({ gap: true });
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
