import { broadsheetPlugin } from "./src/eleventy/plugin.js";
import type { EleventyConfig } from "./src/eleventy/config.js";
import { loadSettings, settingsFile } from "./src/io/loadSettings.js";
import { TOPICS_ONLY_PAGES } from "./src/build/build.js";

// Run through tsx (see README): `node --import tsx node_modules/@11ty/eleventy/cmd.cjs --config=.eleventy.ts`.
export default async function (config: EleventyConfig) {
  const settings = await loadSettings();
  const mode = process.env.BROADSHEET_MODE === "lenient" ? "lenient" : "strict";
  const allowEmpty = process.env.BROADSHEET_ALLOW_EMPTY === "1";
  /* PLUGINS */
  config.addPlugin(broadsheetPlugin, { settings, mode, allowEmpty });

  /* DATA */
  // Templates read `site` as the checked settings, defaults filled in, not the raw _data/site.json.
  // Eleventy would deep-merge a plain `site` into the file's (arrays concatenated, unknown keys
  // kept); the `override:` prefix replaces it instead.
  config.addGlobalData("override:site", settings);
  // A site without topics has no topics page, nor the topic names the search page offers.
  if (!settings.topics) for (const template of TOPICS_ONLY_PAGES) config.ignores.add(template);

  /* WATCH */
  // Settings shape everything, the plugin's plan included: a change reloads this file, as Eleventy
  // does for a change to the config itself (otherwise `pageSize` would reach the titles alone).
  config.addWatchTarget(settingsFile(), { resetConfig: true });

  /* ASSETS */
  config.addPassthroughCopy({ "pages/assets": "assets", "pages/_headers": "_headers" });

  return {
    dir: { input: "pages", includes: "../_includes", layouts: "../_includes/layouts", data: "../_data", output: "_site" },
    templateFormats: ["njk"],
    pathPrefix: settings.pathPrefix,
  };
}
