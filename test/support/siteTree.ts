import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";

/** Every file of a built site, by path relative to its root, with a hash of its bytes. */
export async function siteTree(root: string): Promise<Map<string, string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const tree = new Map<string, string>();
  for (const e of entries.filter((e) => e.isFile()).sort((a, b) => (a.parentPath + a.name < b.parentPath + b.name ? -1 : 1))) {
    const file = path.join(e.parentPath, e.name);
    tree.set(path.relative(root, file), createHash("sha1").update(await readFile(file)).digest("hex"));
  }
  return tree;
}

/** The paths whose presence or bytes differ between two trees. */
export function treeDifferences(a: Map<string, string>, b: Map<string, string>): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((p) => a.get(p) !== b.get(p)).sort();
}
