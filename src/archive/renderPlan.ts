import { createHash } from "node:crypto";

/** What a build leaves for the next one: the fingerprint of every page it wrote. */
export interface Manifest {
  readonly version: 1;
  /** Fingerprint of the templates, settings and code: when it changes, every page is redrawn. */
  readonly templates: string;
  /** Site path → fingerprint of the data the page was drawn from. */
  readonly pages: Readonly<Record<string, string>>;
}

export interface RenderPlan {
  /** Site paths to render this build. */
  readonly render: ReadonlySet<string>;
  /** Site paths written by the previous build that no longer exist: their files must go. */
  readonly stale: readonly string[];
  readonly manifest: Manifest;
}

/** A page's fingerprint: the hash of everything its template is given. */
export function fingerprint(model: unknown): string {
  return createHash("sha1").update(JSON.stringify(model)).digest("base64url");
}

/**
 * Decides which pages need drawing. A page is skipped only when the previous build drew it from
 * the same data with the same templates and its file is still there: the output is then
 * byte-identical to what a clean build would write, because templates are pure functions of it.
 */
export function planRender(
  pages: Iterable<{ readonly url: string; readonly hash: string }>,
  templates: string,
  previous: Manifest | null,
  written: (url: string) => boolean,
): RenderPlan {
  const same = previous !== null && previous.templates === templates;
  const current: Record<string, string> = {};
  const render = new Set<string>();
  for (const { url, hash } of pages) {
    current[url] = hash;
    if (!same || previous.pages[url] !== hash || !written(url)) render.add(url);
  }
  const stale = previous ? Object.keys(previous.pages).filter((url) => !(url in current)) : [];
  return { render, stale, manifest: { version: 1, templates, pages: current } };
}
