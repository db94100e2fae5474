import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readChecked, writeChecked } from "./checkedFile.js";
import { pagefindBinary, PagefindService } from "./pagefindService.js";

/** Kept beside the bundles of our TypeScript (bin/bundles.js): a cache of what the installed packages make. */
const KEPT = path.join(fileURLToPath(new URL("../../", import.meta.url)), "node_modules", ".cache", "broadsheet-pagefind");

/**
 * Pagefind's web worker (`pagefind-worker.js`): the script Pagefind writes into every bundle and
 * keeps nowhere else (it is inside its binary). Taken from an empty index's files once per
 * binary, then kept, with a checksum, under the binary's path, size and time: the search page's
 * worker (src/searchPage/worker.ts) carries it, where it loaded it from a bundle, one more round
 * trip before the first result. `folder`: where it is kept (tests).
 */
export async function pagefindWorkerScript(folder = KEPT): Promise<string> {
  const binary = pagefindBinary();
  const { size, mtimeMs } = await stat(binary);
  const kept = path.join(folder, `pagefind-worker-${createHash("sha1").update(`${binary}\n${size}\n${mtimeMs}`).digest("hex").slice(0, 16)}.js`);
  const script = await readChecked(kept);
  if (script) return script.toString("utf8");
  const scratch = await mkdtemp(path.join(os.tmpdir(), "broadsheet-pagefind-"));
  const service = new PagefindService(binary);
  try {
    await service.writeFiles(await service.newIndex("en"), scratch);
    const written = await readFile(path.join(scratch, "pagefind-worker.js"), "utf8");
    await writeChecked(kept, written);
    return written;
  } finally {
    await service.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
