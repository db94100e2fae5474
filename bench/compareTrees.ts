import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { listFiles } from "./files.js";

export interface TreeDifference {
  readonly file: string;
  readonly kind: "only in first" | "only in second" | "different bytes";
  readonly sizes?: readonly [number, number];
}

export interface TreeComparison {
  readonly identical: boolean;
  readonly files: readonly [number, number];
  /** Every difference, in file order (the caller shows as many as it likes). */
  readonly differences: readonly TreeDifference[];
}

async function digest(file: string): Promise<{ sha1: string; size: number }> {
  const bytes = await readFile(file);
  return { sha1: createHash("sha1").update(bytes).digest("hex"), size: bytes.length };
}

/** Same file list and same bytes, file by file; nothing is filtered out, hashed names included. */
export async function compareTrees(first: string, second: string): Promise<TreeComparison> {
  const [a, b] = await Promise.all([listFiles(first), listFiles(second)]);
  const inB = new Set(b);
  const inA = new Set(a);
  const differences: TreeDifference[] = [];
  for (const file of [...new Set([...a, ...b])].sort()) {
    if (!inB.has(file)) differences.push({ file, kind: "only in first" });
    else if (!inA.has(file)) differences.push({ file, kind: "only in second" });
    else {
      const [x, y] = await Promise.all([digest(path.join(first, file)), digest(path.join(second, file))]);
      if (x.sha1 !== y.sha1) differences.push({ file, kind: "different bytes", sizes: [x.size, y.size] });
    }
  }
  return { identical: differences.length === 0, files: [a.length, b.length], differences };
}
