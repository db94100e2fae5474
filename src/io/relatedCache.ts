import { createHash } from "node:crypto";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import type { RelatedIndex } from "../archive/related.js";
import { removeStaleCaches } from "./staleCaches.js";
import { readChecked, writeChecked } from "./checkedFile.js";
import { KeptInMemory } from "./keptInMemory.js";

/**
 * The related-articles index of the last build, one per articles folder and code version. Stored
 * with `v8.serialize`: its typed arrays (some 5 million word numbers at 100,000 articles) load in
 * milliseconds, where JSON would take a second. That format belongs to the Node version, so the
 * version is part of the key.
 */
function indexFile(dir: string, articles: string, codeVersion: string): string {
  const key = createHash("sha1").update(path.resolve(articles)).update(codeVersion).update(process.version).digest("hex").slice(0, 16);
  return path.join(dir, `related-${key}.v8`);
}

/** What this process last saved, for the watch server's next build. */
const lastSaved = new KeptInMemory<RelatedIndex | null>();

export function loadRelatedIndex(dir: string, articles: string, codeVersion: string): Promise<RelatedIndex | null> {
  const file = indexFile(dir, articles, codeVersion);
  return lastSaved.get(file, [file], () => loadFromFile(file));
}

async function loadFromFile(file: string): Promise<RelatedIndex | null> {
  try {
    const bytes = await readChecked(file);
    if (bytes === null) return null;
    const index = deserialize(bytes) as RelatedIndex;
    return index.version === 1 ? index : null;
  } catch {
    // Missing or damaged: relating from scratch costs seconds, nothing more.
    return null;
  }
}

export async function saveRelatedIndex(dir: string, articles: string, codeVersion: string, index: RelatedIndex): Promise<void> {
  const file = indexFile(dir, articles, codeVersion);
  await writeChecked(file, serialize(index));
  await removeStaleCaches(dir, /^related-[0-9a-f]{16}\.v8$/u, [file]);
  await lastSaved.set(file, [file], index);
}
