import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { decodeChunk, decodeMeta } from "../search/pagefindFiles.js";
import { periodWords, type PeriodWords } from "../search/periodWords.js";

const unzip = promisify(gunzip);

async function readPagefindFile(file: string): Promise<Uint8Array> {
  try {
    return await unzip(await readFile(file));
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The words Pagefind wrote into the bundle at `bundleDir` (its one language's index, if any). */
export async function readBundleWords(bundleDir: string): Promise<PeriodWords> {
  const entryFile = path.join(bundleDir, "pagefind-entry.json");
  const entry = JSON.parse(await readFile(entryFile, "utf8")) as { languages: Record<string, { hash: string }> };
  const languages = Object.values(entry.languages);
  // An archive published empty on purpose (--allow-empty): Pagefind writes no language at all.
  if (languages.length === 0) return periodWords({ fields: [], pages: [], chunks: [] }, []);
  if (languages.length !== 1) throw new Error(`${entryFile}: ${languages.length} languages, where the site has one`);
  const meta = decodeMeta(await readPagefindFile(path.join(bundleDir, `pagefind.${languages[0]!.hash}.pf_meta`)));
  const title = meta.fields.indexOf("title");
  const chunks = await Promise.all(meta.chunks.map(async (c) => decodeChunk(await readPagefindFile(path.join(bundleDir, "index", `${c.hash}.pf_index`)), title)));
  return periodWords(meta, chunks.flat());
}
