/**
 * Broadsheet's TypeScript bundled as JavaScript (one file per entry module, its own modules in it,
 * packages left to Node), kept in node_modules/.cache and used only while every file it was made
 * from still has the bytes it had. JavaScript, not TypeScript: the command's entry reads it before
 * any TypeScript can be loaded (bin/broadsheet.js), and worker threads are started from its
 * bundles (src/io/typeScriptWorker.ts). Types: bundles.d.ts.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The project's root: a bundle's inputs are named from it, and its packages resolve from under it. */
const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Under the project's own packages, so that the packages a bundle leaves out resolve from it as from the source. */
const BUNDLES = path.join(ROOT, "node_modules", ".cache", "broadsheet-bundles");

/** The module the command's bundle is made from: the command, and the Eleventy config it hands Eleventy. */
export const COMMAND = path.join(ROOT, "src", "commandBundle.ts");

/** What made a bundle besides its sources: another esbuild may write other code. */
const ESBUILD = path.join("node_modules", "esbuild", "package.json");

/** How close to a bundle's making a source's time must be for its bytes to be in doubt. */
const RACY_MS = 2000;

/** @param {string} file */
const digestOf = (file) => createHash("sha1").update(readFileSync(file)).digest("base64url");

/**
 * The files of the bundle of `source` in `bundles`: named by the source's path too, so that two
 * checkouts sharing one node_modules keep their bundles apart.
 * @param {string} source
 * @param {string} bundles
 */
function bundleFiles(source, bundles = BUNDLES) {
  const name = `${path.basename(source, ".ts")}-${createHash("sha1").update(path.resolve(source)).digest("hex").slice(0, 12)}`;
  return { bundle: path.join(bundles, `${name}.mjs`), inputs: path.join(bundles, `${name}.json`) };
}

/**
 * The bundle of `source` if it is there and every file it was made from still has the bytes it
 * had (any doubt: null).
 * @param {string} source
 * @param {string} bundles
 * @returns {string | null}
 */
function currentBundle(source, bundles = BUNDLES) {
  const { bundle, inputs } = bundleFiles(source, bundles);
  try {
    if (!existsSync(bundle)) return null;
    /** @type {{ files: [string, string][] }} */
    const made = JSON.parse(readFileSync(inputs, "utf8"));
    return made.files.every(([file, digest]) => digestOf(path.resolve(ROOT, file)) === digest) ? bundle : null;
  } catch {
    return null;
  }
}

/**
 * Each module's `import.meta.url` as its source file's, not the bundle's: modules find files beside
 * them by it (worker scripts, the search page's scripts), and the bundle lives elsewhere.
 * @type {import("esbuild").Plugin}
 */
const sourceUrls = {
  name: "source-urls",
  setup(build) {
    // This file too, when a bundle holds it: its ROOT is found by it. Quoted, it is text, left as written.
    build.onLoad({ filter: /\.[jt]s$/ }, async (args) => ({
      contents: (await readFile(args.path, "utf8")).replace(/(?<!["'`])\bimport\.meta\.url\b/gu, JSON.stringify(pathToFileURL(args.path).href)),
      loader: args.path.endsWith(".ts") ? "ts" : "js",
    }));
  },
};

/**
 * esbuild's options for the bundle of `source`, written to `outfile`.
 * @param {string} source
 * @param {string} outfile
 * @returns {import("esbuild").BuildOptions & { metafile: true }}
 */
const options = (source, outfile) => ({
  entryPoints: [source],
  outfile,
  absWorkingDir: ROOT,
  bundle: true,
  platform: "node",
  format: "esm",
  target: `node${process.versions.node.split(".")[0]}`,
  packages: "external",
  metafile: true,
  logLevel: "silent",
});

/**
 * The bundle of `source` in `bundles`, made again whenever a file it was made from changed; null
 * if it cannot be made (the caller then loads the TypeScript through tsx). Synchronous, for
 * workers, which are started synchronously: esbuild then takes no plugin, and a module's
 * `import.meta.url` is the bundle's (no worker's module looks for files beside it).
 * @param {string} source
 * @param {string} bundles
 * @returns {string | null}
 */
export function makeBundle(source, bundles = BUNDLES) {
  const current = currentBundle(source, bundles);
  if (current !== null) return current;
  const making = startMaking(source, bundles);
  try {
    mkdirSync(bundles, { recursive: true });
    return making.record(loadEsbuild().buildSync(options(source, making.partial)));
  } catch {
    return making.fail();
  }
}

/**
 * `makeBundle`, with each module's `import.meta.url` its source's (the command's modules start
 * workers and find scripts by it).
 * @param {string} source
 * @param {string} bundles
 * @returns {Promise<string | null>}
 */
export async function makeCommandBundle(source, bundles = BUNDLES) {
  const current = currentBundle(source, bundles);
  if (current !== null) return current;
  const making = startMaking(source, bundles);
  try {
    mkdirSync(bundles, { recursive: true });
    return making.record(await loadEsbuild().build({ ...options(source, making.partial), plugins: [sourceUrls] }));
  } catch {
    return making.fail();
  }
}

/**
 * A bundle being made: written to `partial`, a name of this process's own, then renamed, so that
 * two builds at once never read half a file; then what it was made from is recorded.
 * @param {string} source
 * @param {string} bundles
 */
function startMaking(source, bundles) {
  const { bundle, inputs } = bundleFiles(source, bundles);
  const partial = `${bundle}.${process.pid}.partial`;
  const started = Date.now();
  return {
    partial,
    /**
     * @param {{ metafile: import("esbuild").Metafile }} result esbuild's, the bundle written to `partial`
     * @returns {string}
     */
    record(result) {
      const files = [...Object.keys(result.metafile.inputs), ESBUILD];
      rmSync(inputs, { force: true });
      renameSync(partial, bundle);
      // A source saved within the clock's grain of the bundle being made may hold other bytes than
      // the bundle was made from (git's "racy" files): then no inputs are written, and the next
      // process makes the bundle again. Otherwise they are written last: a bundle is trusted only
      // once its inputs say what it was made from.
      if (files.every((file) => statSync(path.resolve(ROOT, file)).mtimeMs < started - RACY_MS)) {
        const made = { files: files.map((file) => [file, digestOf(path.resolve(ROOT, file))]) };
        writeFileSync(`${inputs}.${process.pid}.partial`, JSON.stringify(made));
        renameSync(`${inputs}.${process.pid}.partial`, inputs);
      }
      return bundle;
    },
    /** @returns {null} */
    fail() {
      try {
        rmSync(partial, { force: true });
      } catch {
        // Its folder could not be made: nothing was written.
      }
      return null;
    },
  };
}

/**
 * Loaded only to make a bundle: a process that finds its bundles current never loads esbuild.
 * @returns {typeof import("esbuild")}
 */
const loadEsbuild = () => createRequire(import.meta.url)("esbuild");

/**
 * The Eleventy config file beside the command's bundle, which takes the config from the bundle:
 * Eleventy is handed a file, and one with the bundle's config in it would hold a second copy of
 * every module the command shares with the config. Written if it is missing or another.
 * @param {string} bundle
 * @returns {string}
 */
export function configBeside(bundle) {
  const config = bundle.replace(/\.mjs$/u, ".eleventy.mjs");
  const text = `export { eleventyConfig as default } from ${JSON.stringify(`./${path.basename(bundle)}`)};\n`;
  if (existsSync(config) && readFileSync(config, "utf8") === text) return config;
  writeFileSync(`${config}.${process.pid}.partial`, text);
  renameSync(`${config}.${process.pid}.partial`, config);
  return config;
}
