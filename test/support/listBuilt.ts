import { readdir } from "node:fs/promises";
import path from "node:path";

/** Every file under a built site whose name ends with `suffix`, as site paths (`/search/index.html`), sorted. */
export async function listBuilt(root: string, suffix: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => `/${path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/")}`)
    .sort();
}
