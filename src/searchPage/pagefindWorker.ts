/**
 * Pagefind's web worker, driven directly. Pagefind's `pagefind.js` runs every index in one shared
 * worker (`pagefind-worker.js`) and speaks to it by messages `{id, instanceId, method, args}`;
 * its public `createInstance` offers no way into the worker's playground mode, which reports
 * what each page's score is made of, and ranking pages of several periods with the archive's
 * counts needs exactly that (src/search/ranking.ts). So this page speaks the same messages, to
 * one worker for all periods. Pinned to Pagefind 1.6.0 (package.json); the browser tests fail if
 * a new version answers otherwise.
 */

export interface PagefindResult {
  /** Pagefind's page hash. */
  readonly id: string;
  readonly score: number;
  /** Handle of the page's data in the worker (`data()`). */
  readonly data: string;
  readonly params?: { readonly document_length: number; readonly average_page_length: number; readonly total_pages: number };
  readonly scores?: readonly { readonly search_term: string; readonly params: { readonly weighted_term_frequency: number; readonly pages_containing_term: number; readonly length_bonus: number } }[];
  readonly verbose_meta_scores?: readonly { readonly field_name: string; readonly field_weight: number; readonly matched_terms: readonly string[] }[];
}

export interface PagefindResponse {
  readonly results: readonly PagefindResult[];
  readonly unfilteredResultCount: number;
  readonly search_keywords?: readonly string[];
}

export interface PageData {
  readonly url: string;
  readonly content: string;
  readonly meta: Readonly<Record<string, string>>;
  readonly filters: Readonly<Record<string, readonly string[]>>;
  readonly weighted_locations: readonly { readonly location: number; readonly balanced_score: number }[];
}

export interface SearchOptions {
  readonly filters?: Readonly<Record<string, unknown>>;
  readonly sort?: Readonly<Record<string, "asc" | "desc">>;
}

/** One period's index in the worker, made ready on first use. */
export interface PeriodIndex {
  search(term: string | null, options: SearchOptions): Promise<PagefindResponse>;
  data(handle: string): Promise<PageData>;
}

export class PagefindWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<string, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly indexes = new Map<string, PeriodIndex>();
  private sent = 0;
  /**
   * The first index made ready, which the others wait for: each loads Pagefind's WebAssembly, and
   * two loads at once both instantiate the one module, leaving the first index pointing into freed
   * memory ("memory access out of bounds"). Once it is loaded, a later load returns the module as
   * it is, so the others are made ready side by side.
   */
  private firstReady: Promise<unknown> | null = null;

  /** `workerScript`: the page's worker (worker.ts, with Pagefind's own after it). */
  constructor(
    workerScript: string,
    private readonly language: string,
  ) {
    this.worker = new Worker(workerScript);
    this.worker.addEventListener("message", (event: MessageEvent<{ id: string; result?: unknown; error?: string }>) => {
      const waiting = this.pending.get(event.data.id);
      if (!waiting) return;
      this.pending.delete(event.data.id);
      if (event.data.error !== undefined) waiting.reject(new Error(event.data.error));
      else waiting.resolve(event.data.result);
    });
    this.worker.addEventListener("error", (event) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(event.message || "the search worker failed"));
      this.pending.clear();
    });
  }

  private call<T>(instanceId: string, method: string, args: readonly unknown[]): Promise<T> {
    const id = `m${this.sent++}`;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, instanceId, method, args });
    });
  }

  /** The index of the bundle at `basePath`; its metadata (and Pagefind's WebAssembly) load on first use. */
  index(basePath: string): PeriodIndex {
    let index = this.indexes.get(basePath);
    if (index) return index;
    const instanceId = `period:${basePath}`;
    // Records carry their full path (path prefix included): nothing to add to them.
    const first = this.firstReady;
    const ready = (first ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.call(instanceId, "init", [{ basePath, baseUrl: "/", language: this.language, primary: true }]))
      .then(() => this.call(instanceId, "enterPlaygroundMode", []));
    // A first index that fails (its bundle gone) must not hold the module back from the others.
    if (first === null) this.firstReady = ready;
    // A failure shows when the index is searched; until then it must not count as unhandled.
    ready.catch(() => undefined);
    index = {
      search: async (term, options) => {
        await ready;
        return this.call<PagefindResponse>(instanceId, "search", [term, options]);
      },
      data: (handle) => this.call<PageData>(instanceId, "getData", [handle]),
    };
    this.indexes.set(basePath, index);
    return index;
  }
}
