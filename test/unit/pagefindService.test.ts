import { chmod, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lastWords, PagefindService } from "../../src/io/pagefindService.js";

/** A stand-in for Pagefind's binary: a shell script. */
async function fakeBinary(script: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "fake-pagefind-")), "pagefind");
  await writeFile(file, `#!/bin/sh\n${script}\n`);
  await chmod(file, 0o755);
  return file;
}

const PANIC = `
thread 'main' (12603) panicked at pagefind/src/output/mod.rs:452:40:
called \`Result::unwrap()\` on an \`Err\` value: Os { code: 28, kind: StorageFull, message: "No space left on device" }
note: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace
`;

describe("the Pagefind service client", () => {
  it("indexes and writes with the real service", async () => {
    const service = new PagefindService();
    const index = await service.newIndex("en");
    await service.addRecord(index, { url: "/a/", content: "Cocoa rains in Bahia", language: "en", meta: { title: "Cocoa" } });
    const out = await mkdtemp(path.join(os.tmpdir(), "pagefind-out-"));
    await service.writeFiles(index, out);
    await service.close();
    expect(JSON.parse(await readFile(path.join(out, "pagefind-entry.json"), "utf8")).languages).toHaveProperty("en");
  });

  it("fails a waiting call, saying why, when the service dies instead of answering", async () => {
    // Reads the request, says what a full disk makes Pagefind say, and exits as a panic does.
    const binary = await fakeBinary(`head -c 10 >/dev/null; cat >&2 <<'END'${PANIC}END\nexit 101`);
    const service = new PagefindService(binary);
    await expect(service.newIndex("en")).rejects.toThrow("pagefind exited with code 101: No space left on device");
    // And every later call, at once.
    await expect(service.newIndex("en")).rejects.toThrow("No space left on device");
  });

  it("fails when the service is killed, or cannot be started", async () => {
    const killed = new PagefindService(await fakeBinary("kill -9 $$"));
    await expect(killed.newIndex("en")).rejects.toThrow("pagefind was killed (SIGKILL)");
    const missing = new PagefindService(path.join(os.tmpdir(), "no-such-pagefind"));
    await expect(missing.newIndex("en")).rejects.toThrow(/pagefind could not be started \(ENOENT\)/u);
  });

  it("passes on the service's own error for one request", async () => {
    const service = new PagefindService();
    await expect(service.addRecord(999, { url: "/a/", content: "x", language: "en" })).rejects.toThrow(/^pagefind: /u);
    await service.close();
  });
});

describe("lastWords: why Pagefind stopped, in one line", () => {
  it("takes the message of a Rust I/O error", () => {
    expect(lastWords(PANIC)).toBe("No space left on device");
  });
  it("else the last line that is not a note", () => {
    expect(lastWords("Error: something broke\nnote: run with RUST_BACKTRACE=1\n")).toBe("Error: something broke");
  });
});
