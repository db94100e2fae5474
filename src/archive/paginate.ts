/** One page of a paginated listing: a section front, a source page. */
export interface ListingPage<T> {
  readonly url: string;
  /** 1-based. */
  readonly pageNumber: number;
  readonly pageCount: number;
  readonly items: readonly T[];
  /** The URL of every page of this listing, for page links. */
  readonly pageUrls: readonly string[];
  readonly previousUrl: string | null;
  readonly nextUrl: string | null;
}

/** `base` for the first page, `base` + `page/N/` for the others: the first page's URL never changes. */
export function pageUrl(base: string, pageNumber: number): string {
  return pageNumber === 1 ? base : `${base}page/${pageNumber}/`;
}

export function paginate<T>(items: readonly T[], size: number, base: string): ListingPage<T>[] {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const pageUrls = Array.from({ length: pageCount }, (_, i) => pageUrl(base, i + 1));
  return pageUrls.map((url, i) => ({
    url,
    pageNumber: i + 1,
    pageCount,
    items: items.slice(i * size, (i + 1) * size),
    pageUrls,
    previousUrl: i > 0 ? pageUrls[i - 1]! : null,
    nextUrl: i + 1 < pageCount ? pageUrls[i + 1]! : null,
  }));
}
