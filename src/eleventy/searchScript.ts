import { fileURLToPath } from "node:url";
import path from "node:path";
import { build } from "esbuild";
import type { EleventyConfig } from "./config.js";

/** The search page's code, in TypeScript beside the core it shares (word splitting, stemming, routing, ranking). */
const ENTRY = fileURLToPath(new URL("../searchPage/main.ts", import.meta.url));

/**
 * Bundles the search page's script into the output as `assets/search.js`: one implementation of
 * the rules the build and the page must agree on, never a hand-kept copy. Some 50 ms a build.
 */
export function searchScriptPlugin(config: EleventyConfig): void {
  config.on("eleventy.before", async ({ directories }: { directories: { output: string } }) => {
    await build({
      entryPoints: [ENTRY],
      outfile: path.join(directories.output, "assets", "search.js"),
      bundle: true,
      format: "esm",
      target: "es2022",
      minify: true,
      legalComments: "eof",
      logLevel: "error",
    });
  });
}
