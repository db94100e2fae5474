import { readFile } from "node:fs/promises";
import { resolveSettings, type Settings } from "../settings.js";

export const SETTINGS_FILE = "_data/site.json";

/** Reads `_data/site.json` (the same file templates see as `site`), with the environment's overrides. */
export async function loadSettings(file = SETTINGS_FILE): Promise<Settings> {
  let input: Partial<Settings> = {};
  try {
    input = JSON.parse(await readFile(file, "utf8")) as Partial<Settings>;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`${file}: ${(e as Error).message}`);
  }
  return resolveSettings(input, process.env);
}
