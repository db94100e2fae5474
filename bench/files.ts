import { readdir, stat } from "node:fs/promises";
import path from "node:path";

/** Every regular file under `root`, as sorted paths relative to it (with `/` on every platform). */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

export interface Tally {
  readonly files: number;
  readonly bytes: number;
}

export async function tally(root: string, files: readonly string[]): Promise<Tally> {
  let bytes = 0;
  for (const f of files) bytes += (await stat(path.join(root, f))).size;
  return { files: files.length, bytes };
}

export interface OutputSize {
  readonly all: Tally;
  /** The search index: every top-level `pagefind*` folder. */
  readonly searchIndex: Tally;
}

export async function outputSize(root: string): Promise<OutputSize> {
  const files = await listFiles(root);
  const index = files.filter((f) => /^pagefind[^/]*\//u.test(f));
  return { all: await tally(root, files), searchIndex: await tally(root, index) };
}
