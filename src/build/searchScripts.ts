import { fileURLToPath } from "node:url";
import path from "node:path";
import { build } from "esbuild";
import { pagefindWorkerScript } from "../io/pagefindWorkerScript.js";
import { writeAtomically } from "../io/writeAtomically.js";

/** The search page's code, in TypeScript beside the core it shares (word splitting, stemming, routing, ranking), and its worker. */
const WORKER = "search-worker";
const ENTRIES = { search: "../searchPage/main.ts", [WORKER]: "../searchPage/worker.ts" };

/**
 * Writes the search page's script (`assets/search.js`) and its worker (`assets/search-worker.js`)
 * into the output, bundled by esbuild: one implementation of the rules the build and the page must
 * agree on, never a hand-kept copy. The worker is ours (one WebAssembly for every period) followed
 * by Pagefind's own, which it used to load from a bundle once started: a round trip before the
 * first search could begin. Pagefind's is taken once per binary (pagefindWorkerScript), while the
 * pages are drawn: a Pagefind that does not start holds nothing back, and fails the build as its
 * indexing does.
 */
export async function writeSearchScripts(outputDir: string): Promise<void> {
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
  // Whole or not at all: a build stopped here leaves no script cut short.
  await Promise.all(outputFiles.map((file) => writeAtomically(file.path, path.basename(file.path, ".js") === WORKER ? `${file.text}\n${pagefindWorker}` : file.contents)));
}
