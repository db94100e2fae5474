import { fileURLToPath } from "node:url";
import path from "node:path";
import { build } from "esbuild";
import type { EleventyConfig } from "./config.js";

/** The search page's code, in TypeScript beside the core it shares (word splitting, stemming, routing, ranking), and its worker. */
const ENTRIES = { search: "../searchPage/main.ts", "search-worker": "../searchPage/worker.ts" };

/**
 * Bundles the search page's script into the output as `assets/search.js` (and its worker as
 * `assets/search-worker.js`): one implementation of
 * the rules the build and the page must agree on, never a hand-kept copy. Some 50 ms a build.
 */
export function searchScriptPlugin(config: EleventyConfig): void {
  config.on("eleventy.before", ({ directories }: { directories: { output: string } }) => bundleSearchScript(directories.output));
}

/** Writes the search page's script and worker into `outputDir/assets/`. */
export async function bundleSearchScript(outputDir: string): Promise<void> {
  await build({
    entryPoints: Object.entries(ENTRIES).map(([out, source]) => ({ in: fileURLToPath(new URL(source, import.meta.url)), out })),
    outdir: path.join(outputDir, "assets"),
    bundle: true,
    // The worker is a classic script (it loads Pagefind's with importScripts); the page's is a module with no imports left.
    format: "iife",
    target: "es2022",
    minify: true,
    legalComments: "eof",
    logLevel: "error",
  });
}
