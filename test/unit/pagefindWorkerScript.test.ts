import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pagefindWorkerScript } from "../../src/io/pagefindWorkerScript.js";

/** A script by its digest: a failure names two digests, not 43 kB of Pagefind. */
const digest = (script: string): string => createHash("sha1").update(script).digest("hex");

const installed = (JSON.parse(readFileSync(path.join(import.meta.dirname, "../../node_modules/pagefind/package.json"), "utf8")) as { version: string }).version;

describe("Pagefind's worker script, which the search page's worker carries", () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), "broadsheet-pagefind-worker-"));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("is the installed Pagefind's, and is kept", async () => {
    const script = await pagefindWorkerScript(folder);
    expect(script).toContain(`pagefind_version="${installed}"`);
    expect(readdirSync(folder)).toHaveLength(1);
    expect(digest(await pagefindWorkerScript(folder))).toBe(digest(script));
  });

  it("is taken from Pagefind again when the kept copy is damaged, never served damaged", async () => {
    const script = await pagefindWorkerScript(folder);
    const [kept] = readdirSync(folder);
    const file = path.join(folder, kept!);
    const bytes = readFileSync(file, "utf8");
    // Its checksum line kept, a word of its body changed: what a bad disk or a stray edit leaves.
    writeFileSync(file, bytes.replace("pagefind_version", "pagefind_versiom"));
    expect(digest(await pagefindWorkerScript(folder))).toBe(digest(script));
    writeFileSync(file, bytes.slice(0, bytes.length >> 1));
    expect(digest(await pagefindWorkerScript(folder))).toBe(digest(script));
  });
});
