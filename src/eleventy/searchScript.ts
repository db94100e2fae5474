import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { build } from "esbuild";
import { pagefindWorkerScript } from "../io/pagefindWorkerScript.js";
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

/**
 * Writes the search page's script and worker into `outputDir/assets/`. The worker is ours (one
 * WebAssembly for every period) followed by Pagefind's own worker, which it used to load from a
 * bundle once started: a round trip before the first search could begin.
 */
export async function bundleSearchScript(outputDir: string): Promise<void> {
  const [pagefindWorker, { outputFiles }] = await Promise.all([
    pagefindWorkerScript(),
    build({
      entryPoints: Object.entries(ENTRIES).map(([out, source]) => ({ in: fileURLToPath(new URL(source, import.meta.url)), out })),
      outdir: path.join(outputDir, "assets"),
      bundle: true,
      // The worker is a classic script, Pagefind's appended to it; the page's is a module with no imports left.
      format: "iife",
      target: "es2022",
      minify: true,
      legalComments: "eof",
      logLevel: "error",
      write: false,
    }),
  ]);
  await mkdir(path.join(outputDir, "assets"), { recursive: true });
  await Promise.all(outputFiles.map((file) => writeFile(file.path, path.basename(file.path) === "search-worker.js" ? `${file.text}\n${pagefindWorker}` : file.contents)));
}
