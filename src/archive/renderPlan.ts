import { createHash } from "node:crypto";

/** What a build leaves for the next one: the fingerprint of everything it wrote. */
export interface Manifest {
  readonly version: 2;
  /** Fingerprint of the templates, settings and code: when it changes, every page is redrawn. */
  readonly templates: string;
  /** Site path → fingerprint of the data the page was drawn from. */
  readonly pages: Readonly<Record<string, string>>;
  /** Search bundle folder → fingerprint of the records indexed in it. */
  readonly search: Readonly<Record<string, string>>;
}

/** What to redo, and what to remove, for one kind of output (pages, search bundles). */
export interface UpdatePlan {
  /** Keys to write this build. */
  readonly changed: ReadonlySet<string>;
  /** Keys written by the previous build that no longer exist: their files must go. */
  readonly stale: readonly string[];
  /** Key → fingerprint, for the next build's manifest. */
  readonly hashes: Readonly<Record<string, string>>;
}

/** A fingerprint of everything a page's template (or a search bundle) is given. */
export function fingerprint(model: unknown): string {
  return createHash("sha1").update(JSON.stringify(model)).digest("base64url");
}

/**
 * Decides what needs writing. An output is kept only when the previous build wrote it from the
 * same data (`previous` is null when templates changed or there was no previous build) and its
 * file is still there: it is then byte-identical to what a clean build would write.
 */
export function planUpdates(
  items: Iterable<{ readonly key: string; readonly hash: string }>,
  previous: Readonly<Record<string, string>> | null,
  written: (key: string) => boolean,
): UpdatePlan {
  const hashes: Record<string, string> = {};
  const changed = new Set<string>();
  for (const { key, hash } of items) {
    hashes[key] = hash;
    if (previous === null || previous[key] !== hash || !written(key)) changed.add(key);
  }
  const stale = previous ? Object.keys(previous).filter((key) => !(key in hashes)) : [];
  return { changed, stale, hashes };
}
