import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Every temporary folder a test run makes (articles, sites, build caches, browser profiles) goes
 * under one folder, removed when the run ends: hundreds of builds must not pile up in /tmp.
 * Test workers and the builds they start inherit TMPDIR, which os.tmpdir() reads.
 */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), "broadsheet-test-"));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
