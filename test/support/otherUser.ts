import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { PROJECT } from "./buildSite.js";

/**
 * Runs node with `args` in the project as an ordinary user: uid 1000 in a user namespace of its
 * own. Tests run as root, which reads a file whatever its mode, so only this way does a chmod 000
 * file give EACCES; the files the tests wrote stay the user's own there, hence writable. Without
 * `unshare` (util-linux) the test fails, saying why: a skipped test would pass unreadable files
 * untested.
 */
export function nodeAsUser(args: readonly string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const run = spawnSync("unshare", ["--user", "--map-user=1000", "--map-group=1000", process.execPath, ...args], {
    cwd: PROJECT,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  if (run.error) throw new Error(`unshare: ${run.error.message}; unreadable files cannot be tested as root without it`);
  if (run.stderr.startsWith("unshare:")) throw new Error(`${run.stderr.trim()}; unreadable files cannot be tested as root without it`);
  return run;
}
