import { readFile } from "node:fs/promises";
import { SETTINGS_FILE, SettingsError, settingsFromText, type Environment, type Settings } from "../settings.js";

export { SETTINGS_FILE };

/**
 * Warnings already printed. The settings are loaded more than once (the command checks them
 * before Eleventy starts, then Eleventy loads its config, again under --serve when they change):
 * each warning is shown once.
 */
const warned = new Set<string>();

/** `_data/site.json`, or the file `BROADSHEET_SETTINGS` names. */
export function settingsFile(env: Environment = process.env): string {
  return env.BROADSHEET_SETTINGS || SETTINGS_FILE;
}

/**
 * Reads `_data/site.json`, or the file `BROADSHEET_SETTINGS` names, checks it with the
 * environment's overrides, and prints warnings to stderr. Throws a SettingsError listing every
 * problem, one a line. Templates see the result as `site` (see .eleventy.ts), not the raw file.
 */
export async function loadSettings(env: Environment = process.env): Promise<Settings> {
  const file = settingsFile(env);
  let text: string | null = null;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // No settings file: every default. A file named on purpose must be there.
    if (code === "ENOENT" && env.BROADSHEET_SETTINGS) throw new SettingsError([`${file}: no such file (named by BROADSHEET_SETTINGS)`]);
    if (code !== "ENOENT") throw new SettingsError([`${file}: ${(e as Error).message}`]);
  }
  const result = settingsFromText(text, env, file);
  for (const warning of result.warnings) {
    if (!warned.has(warning)) process.stderr.write(`${warning}\n`);
    warned.add(warning);
  }
  if (!result.ok) throw new SettingsError(result.problems);
  return result.settings;
}
