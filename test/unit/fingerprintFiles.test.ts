import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fingerprintFiles } from "../../src/build/incremental.js";

// The watch server fingerprints the templates and code every rebuild, and keeps each file's
// digest while its size and times are unchanged: a template edited must still redraw the site.
describe("fingerprintFiles", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-fingerprint-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("changes when a file is rewritten at once with other text of the same size", async () => {
    const file = path.join(dir, "layout.njk");
    await writeFile(file, "<h1>{{ title }}</h1>");
    const before = await fingerprintFiles([dir]);
    await writeFile(file, "<h2>{{ title }}</h2>");
    expect(await fingerprintFiles([dir])).not.toBe(before);
  });

  it("changes when a settled file is rewritten with other text of the same size", async () => {
    const file = path.join(dir, "layout.njk");
    await writeFile(file, "<h1>{{ title }}</h1>");
    // Past the window in which a file's times are not trusted: its digest is kept from here.
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    const before = await fingerprintFiles([dir]);
    expect(await fingerprintFiles([dir])).toBe(before);
    await writeFile(file, "<h2>{{ title }}</h2>");
    expect(await fingerprintFiles([dir])).not.toBe(before);
  });

  it("changes when a file is added, removed or renamed, and not when nothing is", async () => {
    await writeFile(path.join(dir, "a.njk"), "a");
    const one = await fingerprintFiles([dir]);
    expect(await fingerprintFiles([dir])).toBe(one);
    await writeFile(path.join(dir, "b.njk"), "b");
    const two = await fingerprintFiles([dir]);
    expect(two).not.toBe(one);
    await rm(path.join(dir, "b.njk"));
    expect(await fingerprintFiles([dir])).toBe(one);
    await rm(path.join(dir, "a.njk"));
    await writeFile(path.join(dir, "c.njk"), "a");
    expect(await fingerprintFiles([dir])).not.toBe(one);
  });
});
