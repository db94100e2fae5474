import { createHash } from "node:crypto";
import { existsSync, mkdirSync, statSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync, version as esbuildVersion } from "esbuild";

/**
 * Where worker bundles are kept: under the project's own packages, so that the packages a bundle
 * leaves out (`packages: "external"`) resolve from it as they do from the source.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BUNDLES = path.join(ROOT, "node_modules", ".cache", "broadsheet-workers");

/** What a bundle was made from: each source file, project-relative, with the digest of its bytes. */
interface BundleInputs {
  readonly esbuild: string;
  readonly files: readonly (readonly [string, string])[];
}

/** How close to a bundle's making a source's time must be for its bytes to be in doubt. */
const RACY_MS = 2000;

const digestOf = (file: string): string => createHash("sha1").update(readFileSync(file)).digest("base64url");

/** Whether the bundle is there and every file it was made from still has the bytes it had (any doubt: no). */
function stillCurrent(bundle: string, inputsFile: string): boolean {
  try {
    if (!existsSync(bundle)) return false;
    const inputs = JSON.parse(readFileSync(inputsFile, "utf8")) as BundleInputs;
    return inputs.esbuild === esbuildVersion && inputs.files.every(([file, digest]) => digestOf(path.resolve(ROOT, file)) === digest);
  } catch {
    return false;
  }
}

/** Made once a process: a worker is started many times, each time from the same code. */
const made = new Map<string, string | null>();

/**
 * A worker's TypeScript module as one JavaScript file (its own modules bundled, packages left to
 * Node), made again whenever one of its sources changed; null if it cannot be made, the worker
 * then being started through tsx. Through tsx, each worker thread starts a module-hooks thread of
 * its own and sends it every module it loads, one round trip each: a worker took 0.2 s to start
 * and 0.3 s of CPU, against 0.1 s bundled.
 */
export function workerBundle(script: URL): string | null {
  let bundle = made.get(script.href);
  if (bundle === undefined) {
    bundle = makeBundle(fileURLToPath(script));
    made.set(script.href, bundle);
  }
  return bundle;
}

/** The bundle of `source` in `bundles` (made or still current), or null; exported for its tests. */
export function makeBundle(source: string, bundles = BUNDLES): string | null {
  // Named by the source's path too: two checkouts sharing one node_modules keep bundles apart.
  const name = `${path.basename(source, ".ts")}-${createHash("sha1").update(source).digest("hex").slice(0, 12)}`;
  const bundle = path.join(bundles, `${name}.mjs`);
  const inputsFile = path.join(bundles, `${name}.json`);
  if (stillCurrent(bundle, inputsFile)) return bundle;
  // Written under names of this process's own, then renamed: two builds at once never read half a file.
  const partial = `${bundle}.${process.pid}.partial`;
  const started = Date.now();
  try {
    mkdirSync(bundles, { recursive: true });
    const result = buildSync({
      entryPoints: [source],
      outfile: partial,
      absWorkingDir: ROOT,
      bundle: true,
      platform: "node",
      format: "esm",
      target: `node${process.versions.node.split(".")[0]}`,
      packages: "external",
      metafile: true,
      logLevel: "silent",
    });
    const files = Object.keys(result.metafile.inputs);
    rmSync(inputsFile, { force: true });
    renameSync(partial, bundle);
    // A source saved within the clock's grain of the bundle being made may hold other bytes than
    // the bundle was made from (git's "racy" files): then no inputs are written, and the next
    // process makes the bundle again. Otherwise they are written last: a bundle is trusted only
    // once its inputs say what it was made from.
    if (files.every((file) => statSync(path.resolve(ROOT, file)).mtimeMs < started - RACY_MS)) {
      const inputs: BundleInputs = { esbuild: esbuildVersion, files: files.map((file) => [file, digestOf(path.resolve(ROOT, file))] as const) };
      writeFileSync(`${inputsFile}.${process.pid}.partial`, JSON.stringify(inputs));
      renameSync(`${inputsFile}.${process.pid}.partial`, inputsFile);
    }
    return bundle;
  } catch {
    rmSync(partial, { force: true });
    return null;
  }
}
