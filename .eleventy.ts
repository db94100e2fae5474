import { fileURLToPath } from "node:url";
import { broadsheetPlugin } from "./src/eleventy/plugin.js";
import { searchScriptPlugin } from "./src/eleventy/searchScript.js";
import type { EleventyConfig } from "./src/eleventy/config.js";
import { loadSettings, settingsFile } from "./src/io/loadSettings.js";

// Run through tsx (see README): `node --import tsx node_modules/@11ty/eleventy/cmd.cjs --config=.eleventy.ts`.
export default async function (config: EleventyConfig) {
  const settings = await loadSettings();
  const mode = process.env.BROADSHEET_MODE === "lenient" ? "lenient" : "strict";

  /* PLUGINS */
  config.addPlugin(broadsheetPlugin, { settings, mode, configPath: fileURLToPath(import.meta.url) });
  config.addPlugin(searchScriptPlugin);

  /* DATA */
  // Templates read `site` as the checked settings, defaults filled in, not the raw _data/site.json.
  // Eleventy would deep-merge a plain `site` into the file's (arrays concatenated, unknown keys
  // kept); the `override:` prefix replaces it instead.
  config.addGlobalData("override:site", settings);
  // Under --serve, an edited settings file is checked and read again, as the config file would be.
  // (`resetConfig` is Eleventy 3's; src/eleventy/config.ts does not type the option yet.)
  const watch = config as EleventyConfig & { addWatchTarget(path: string, options: { resetConfig: boolean }): void };
  watch.addWatchTarget(settingsFile(), { resetConfig: true });

  /* ASSETS */
  config.addPassthroughCopy({ "pages/assets": "assets", "pages/_headers": "_headers" });

  return {
    dir: { input: "pages", includes: "../_includes", layouts: "../_includes/layouts", data: "../_data", output: "_site" },
    templateFormats: ["njk"],
    pathPrefix: settings.pathPrefix,
  };
}
