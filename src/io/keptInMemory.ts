import type { BigIntStats } from "node:fs";
import { stat } from "node:fs/promises";

/** A file's identity as the file system reports it: size, times and inode. */
export const stampOf = (s: BigIntStats): string => `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}`;

/** A file's stamp; "none" when it is not there. */
async function stampOfFile(file: string): Promise<string> {
  try {
    return stampOf(await stat(file, { bigint: true }));
  } catch {
    return "none";
  }
}

const stampsOf = (files: readonly string[]): Promise<string> => Promise.all(files.map(stampOfFile)).then((stamps) => stamps.join("\n"));

/**
 * What a long-running process (the watch server) last wrote to cache files, kept in memory and
 * used instead of reading the files back, for as long as they are the files it wrote: same size,
 * times and inode. Anything else that touched them (another build, a failed build's journal, a
 * deleted cache) sends the next read to the files.
 */
export class KeptInMemory<T> {
  private kept: { readonly key: string; readonly stamps: string; readonly value: T } | null = null;

  /** The kept value if `files` are as this process left them under `key`; otherwise `load()`. */
  async get(key: string, files: readonly string[], load: () => Promise<T>): Promise<T> {
    const kept = this.kept;
    this.kept = null;
    if (kept !== null && kept.key === key && kept.stamps === (await stampsOf(files))) return kept.value;
    return load();
  }

  /** Keeps `value`, once `files` hold it (under the watch server only: see keepInMemory). */
  async set(key: string, files: readonly string[], value: T): Promise<void> {
    if (keepingInMemory) this.kept = { key, stamps: await stampsOf(files), value };
  }
}

/**
 * Whether caches are kept in memory between builds: only a process that builds again (the watch
 * server) gains by it; a single build would copy 100,000 entries for nothing.
 */
export let keepingInMemory = false;

export function keepInMemory(): void {
  keepingInMemory = true;
}
