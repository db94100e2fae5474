#!/usr/bin/env node
// The command is written in TypeScript. `build` runs from a bundle of it as JavaScript (bundles.js),
// made by the first build after its sources change; through tsx, every module a build loaded was
// sent to a thread of tsx's and back. The other commands, or a build when no bundle can be made,
// run through tsx: `serve` starts once and rebuilds for hours, and keeps Eleventy's module hook,
// with which its watcher sees edited modules; `check` and `parse` load a few of the modules, where
// the bundle imports every package the command uses as it loads (0.35 s more for `check`).
import { pathToFileURL } from "node:url";
import { COMMAND, configBeside, makeCommandBundle } from "./bundles.js";

const command = process.argv[2];
// A build imports each module once. Eleventy's module hook, which lets a watch server see edited
// JavaScript, would only send every import to a thread of its own and back.
if (command === "build") process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
// Eleventy, which `build` and `serve` run, is JavaScript: loaded before tsx's hooks are, its
// modules are not each sent to tsx's thread and back (0.09 s of every build).
if (command === "build" || command === "serve") await import("@11ty/eleventy");

/** The command's bundle, and the Eleventy config beside it; null if none can be made. */
async function bundled() {
  if (command !== "build") return null;
  const bundle = await makeCommandBundle(COMMAND);
  if (bundle === null) return null;
  const config = configBeside(bundle);
  return { command: await import(pathToFileURL(bundle).href), config };
}

const run = await bundled().catch(() => null);
if (run !== null) await run.command.runCommand(process.argv.slice(2), run.config);
else {
  (await import("tsx/esm/api")).register();
  const { runCommand } = await import("../src/cli.ts");
  await runCommand(process.argv.slice(2), ".eleventy.ts");
}
