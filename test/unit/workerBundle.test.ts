import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pathToFileURL } from "node:url";
import { makeBundle, makeCommandBundle } from "../../bin/bundles.js";

/** What a worker started from `file` says first. */
function firstWord(file: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file);
    worker.once("message", (message) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

/** Dated a minute back, as a source not touched while its bundle was made. */
const settled = (file: string): void => {
  const then = new Date(Date.now() - 60_000);
  utimesSync(file, then, then);
};

describe("a worker's TypeScript bundled as JavaScript", () => {
  let dir: string;
  let entry: string;
  let dep: string;
  let bundles: string;
  const writeDep = (word: string): void => {
    writeFileSync(dep, `export const word: string = ${JSON.stringify(word)};\n`);
    settled(dep);
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "broadsheet-bundle-"));
    entry = path.join(dir, "entry.ts");
    dep = path.join(dir, "dep.ts");
    bundles = path.join(dir, "bundles");
    writeFileSync(entry, `import { parentPort } from "node:worker_threads";\nimport { word } from "./dep.js";\nconst said: string = word;\nparentPort!.postMessage(said);\n`);
    settled(entry);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("runs the module's code, and a module it imports changed is bundled again, whatever its file's time says", async () => {
    writeDep("first");
    const bundle = makeBundle(entry, bundles);
    expect(bundle).not.toBeNull();
    expect(await firstWord(bundle!)).toBe("first");
    // The same length and an old time: only the bytes tell.
    writeDep("later");
    expect(await firstWord(makeBundle(entry, bundles)!)).toBe("later");
  });

  it("is made again when the bundle is deleted, or its record of what it was made from is damaged", async () => {
    writeDep("first");
    const bundle = makeBundle(entry, bundles)!;
    rmSync(bundle);
    expect(await firstWord(makeBundle(entry, bundles)!)).toBe("first");
    writeFileSync(bundle.replace(/\.mjs$/u, ".json"), "{ cut sh");
    writeFileSync(bundle, "throw new Error('not this one');\n");
    expect(await firstWord(makeBundle(entry, bundles)!)).toBe("first");
  });

  it("is none for a module that cannot be bundled, which is then left to tsx", () => {
    writeFileSync(dep, "export const word: string = ;\n");
    expect(makeBundle(entry, bundles)).toBeNull();
  });

  it("is none where it cannot be written, rather than an error: the module is then left to tsx", async () => {
    writeDep("first");
    // A folder under a file: it cannot be made (a read-only node_modules fails alike).
    const nowhere = path.join(entry, "bundles");
    expect(makeBundle(entry, nowhere)).toBeNull();
    expect(await makeCommandBundle(entry, nowhere)).toBeNull();
  });

  it("gives the command's modules their own files' import.meta.url, not the bundle's, and leaves a quoted one as written", async () => {
    writeDep("first");
    // Where a module finds a worker's script beside it (src/build/searchIndex.ts).
    writeFileSync(entry, `import { parentPort } from "node:worker_threads";\nparentPort!.postMessage([import.meta.url, new URL("./dep.ts", import.meta.url).pathname, 'import.meta.url']);\n`);
    settled(entry);
    const bundle = await makeCommandBundle(entry, bundles);
    expect(bundle).not.toBeNull();
    expect(await firstWord(bundle!)).toEqual([pathToFileURL(entry).href, dep, "import.meta.url"]);
  });

  it("makes the command's bundle again when a module it holds changed", async () => {
    writeDep("first");
    expect(await firstWord((await makeCommandBundle(entry, bundles))!)).toBe("first");
    writeDep("later");
    expect(await firstWord((await makeCommandBundle(entry, bundles))!)).toBe("later");
  });
});
