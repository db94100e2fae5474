import { chmodSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { articleText, fixtureArticles, writeArchive } from "../support/fixtureArchive.js";
import { siteTree } from "../support/siteTree.js";
import {
  build,
  canUnshare,
  describeEnd,
  differencesFromClean,
  freshPlace,
  pagefindEnv,
  shellScript,
  simulatedFullDisk,
  tempDir,
  type BuildPlace,
  type Ended,
  type RunOptions,
} from "../support/faults.js";

/*
 * What the machine refuses: a full disk, a search indexer that dies, a file or folder the build may
 * not read or write. Each ends the build, within seconds, with a non-zero exit and a message that
 * names the problem: a hung CI job is worse than a failed one.
 */

const fixture = fixtureArticles();
/** Long enough for the slowest fixture build on a loaded machine; a build still running then hangs. */
const HANG_MS = 60_000;

/** What Pagefind 1.6 did when its disk filled (seen on a 40 MB tmpfs): a panic, once it had its input. */
const PAGEFIND_ON_A_FULL_DISK = [
  "head -c 64 > /dev/null",
  `echo "thread 'main' panicked at pagefind/src/output/mod.rs:464:36:" >&2`,
  "echo 'called `Result::unwrap()` on an `Err` value: Os { code: 28, kind: StorageFull, message: \"No space left on device\" }' >&2",
  "exit 101",
].join("\n");

describe.concurrent("a full disk", () => {
  // A tmpfs of its own, in a user and mount namespace of the build's own (no root needed). Where
  // the machine refuses namespaces (or BROADSHEET_FAULT_SIMULATED_DISK=1 asks for it), the disk is
  // simulated: a module loaded into every Node process of the build (NODE_OPTIONS=--import) fails
  // file writes with ENOSPC once the size is written, and for the search index a Pagefind stand-in
  // reads its input, then panics as Pagefind does on a full disk.
  const namespaces = canUnshare("-rm") && !process.env.BROADSHEET_FAULT_SIMULATED_DISK;

  async function onFullDisk(size: number): Promise<{ end: Ended; how: string }> {
    const articles = await writeArchive(fixture);
    const disk = await tempDir("disk");
    const place: BuildPlace = { articles, output: path.join(disk, "site"), cache: path.join(disk, "cache") };
    if (namespaces) {
      const wrap = ["unshare", "-rm", "sh", "-c", `mount -t tmpfs -o size=${size} tmpfs "$0" && exec "$@"`, disk];
      return { end: await build(place, { wrap, timeoutMs: HANG_MS }), how: `a tmpfs of ${size} bytes` };
    }
    const env = await simulatedFullDisk(size);
    if (size > 1024 * 1024) Object.assign(env, pagefindEnv(await shellScript("pagefind", PAGEFIND_ON_A_FULL_DISK)));
    return { end: await build(place, { env, timeoutMs: HANG_MS }), how: `writes failing past ${size} bytes (simulated)` };
  }

  it("full while pages are written (300 kB): the build ends with ENOSPC and a non-zero exit", async () => {
    const { end, how } = await onFullDisk(300 * 1024);
    expect(end.timedOut, `${how}: ${describeEnd(end)}`).toBe(false);
    expect(end.code, `${how}: ${describeEnd(end)}`).not.toBe(0);
    expect(end.stderr).toMatch(/no space left on device|ENOSPC/iu);
  });

  it("full while the search index is written (1.2 MB: the pages fit, the index does not): the build ends with ENOSPC and a non-zero exit", async () => {
    const { end, how } = await onFullDisk(1200 * 1024);
    expect(end.timedOut, `${how}: ${describeEnd(end)}`).toBe(false);
    expect(end.code, `${how}: ${describeEnd(end)}`).not.toBe(0);
    expect(end.stderr).toMatch(/no space left on device|ENOSPC/iu);
  });
});

describe.concurrent("a Pagefind process that dies", () => {
  const LIMIT = 30_000;

  it("exits with code 3 at once: the build ends with a non-zero exit and names pagefind", async () => {
    const binary = await shellScript("pagefind", 'echo "pagefind stand-in: giving up" >&2\nexit 3');
    const place = await freshPlace(await writeArchive(fixture));
    const end = await build(place, { env: pagefindEnv(binary), timeoutMs: LIMIT });
    expect(end.timedOut, describeEnd(end)).toBe(false);
    expect(end.code, describeEnd(end)).not.toBe(0);
    expect(end.stderr).toMatch(/pagefind/iu);
  });

  it("is killed by a signal after reading some of its input: the build ends with a non-zero exit and names pagefind", async () => {
    const binary = await shellScript("pagefind", "head -c 64 > /dev/null\nkill -9 $$");
    const place = await freshPlace(await writeArchive(fixture));
    const end = await build(place, { env: pagefindEnv(binary), timeoutMs: LIMIT });
    expect(end.timedOut, describeEnd(end)).toBe(false);
    expect(end.code, describeEnd(end)).not.toBe(0);
    expect(end.stderr).toMatch(/pagefind/iu);
  });
});

/*
 * Permissions, as a user who is not root sees them: the builds run in a user namespace where the
 * test's user is uid 1000 (root reads a chmod-000 file anyway).
 */
describe("permissions", () => {
  const asUser: RunOptions = { wrap: ["unshare", "--user", "--map-user=1000", "--map-group=1000"] };
  const env = { BROADSHEET_SEARCH_SHARD_SIZE: "10" };
  const locked: string[] = [];

  beforeAll(() => {
    if (!canUnshare("--user", "--map-user=1000", "--map-group=1000")) throw new Error("this machine refuses user namespaces (unshare --user): the permission cases cannot run");
  });
  afterEach(() => {
    for (const file of locked.splice(0)) chmodSync(file, 0o755);
  });

  /** The fixture built once as uid 1000, into a place of its own. */
  async function builtAsUser(args: readonly string[] = []): Promise<BuildPlace> {
    const place = { ...(await freshPlace(await writeArchive(fixture))), env, args };
    const first = await build(place, asUser);
    expect(first.code, describeEnd(first)).toBe(0);
    return place;
  }

  /** An article made unreadable (chmod 000) after the first build cached it. */
  const hidden = fixture[9]!;
  function hide(place: BuildPlace): void {
    const file = path.join(place.articles, hidden.file);
    chmodSync(file, 0o000);
    locked.push(file);
  }

  it("a file made unreadable after it was cached: a strict build fails naming it, unreadable file (EACCES)", async () => {
    const place = await builtAsUser();
    hide(place);
    const end = await build(place, asUser);
    expect(end.timedOut, describeEnd(end)).toBe(false);
    expect(end.code, describeEnd(end)).not.toBe(0);
    expect(end.stderr).toMatch(/unreadable file \(EACCES\)/u);
    expect(end.stderr).toContain(hidden.file);
  });

  it("a file made unreadable after it was cached: a --lenient build publishes the rest, as a clean lenient build does", async () => {
    const place = await builtAsUser(["--lenient"]);
    hide(place);
    const end = await build(place, asUser);
    expect(end.code, describeEnd(end)).toBe(0);
    expect(end.stderr).toMatch(/unreadable file \(EACCES\)/u);
    expect(await differencesFromClean(place, asUser)).toEqual([]);
  });

  it("a read-only folder of the output (a search bundle): the build fails naming that folder", async () => {
    const place = await builtAsUser();
    const bundle = path.join(place.output, "pagefind-2015");
    const before = await siteTree(place.output);
    expect(before.has(path.join("pagefind-2015", "pagefind-entry.json")), "the 2015 period has a search bundle of its own").toBe(true);
    chmodSync(bundle, 0o555);
    locked.push(bundle);
    // An article of 2015 edited: that period's bundle must be written again.
    const edited = fixture.find((a) => a.date.startsWith("2015"))!;
    await writeFile(path.join(place.articles, edited.file), articleText({ ...edited, paragraphs: [...edited.paragraphs, "Corrected on Friday."] }));
    const end = await build(place, { ...asUser, timeoutMs: HANG_MS });
    expect(end.timedOut, describeEnd(end)).toBe(false);
    expect(end.code, describeEnd(end)).not.toBe(0);
    expect(end.stderr).toMatch(/EACCES|permission denied|read-only/iu);
    expect(end.stderr, "the message names the read-only folder").toContain(bundle);
  });
});

describe("a reader that stops reading the build's output", () => {
  it("(`npm run build | head -1`) does not stop the build: it ends, and the site equals a clean build's", async () => {
    const place = await freshPlace(await writeArchive(fixture));
    // The pipe to head closes after one line; everything the build says after that fails to be written.
    const wrap = ["sh", "-c", '"$@" 2>&1 | head -n 1', "sh"];
    const end = await build(place, { wrap, timeoutMs: HANG_MS });
    expect(end.timedOut, describeEnd(end)).toBe(false);
    expect(await differencesFromClean(place)).toEqual([]);
  });
});
