import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { formatProblem, printable } from "./article/types.js";
import { publish } from "./archive/urls.js";
import { loadSettings, settingsFile } from "./io/loadSettings.js";
import { localAddressWarning, SettingsError } from "./settings.js";
import { readArchive } from "./io/readArchive.js";
import { readOnThreads } from "./io/readers.js";
import type { Article } from "./archive/article.js";

const USAGE = `usage: broadsheet build [--lenient] [--allow-empty] [eleventy options]   build the site into _site/
       broadsheet serve [--lenient] [--allow-empty] [eleventy options]   build, then serve and rebuild on change
       broadsheet parse <file-or-folder>...              print what the parser reads, as JSON
       broadsheet check [folder]                         check every article; exit 1 on any error`;

/**
 * Runs Eleventy's own command line with Broadsheet's config (`config`, the file), in this process.
 * `--lenient`, `--strict` and `--allow-empty` are ours: Eleventy rejects options it does not know.
 */
async function eleventy(args: readonly string[], serve: boolean, config: string): Promise<void> {
  const own = new Set(["--lenient", "--strict", "--allow-empty"]);
  if (args.includes("--lenient")) process.env.BROADSHEET_MODE = "lenient";
  if (args.includes("--strict")) process.env.BROADSHEET_MODE = "strict";
  if (args.includes("--allow-empty")) process.env.BROADSHEET_ALLOW_EMPTY = "1";
  const passed = args.filter((a) => !own.has(a));
  // Loaded here: it loads Eleventy, which `parse` and `check` have no use for.
  if (serve) (await import("./eleventy/watch.js")).broadsheetWatches();
  process.argv = [process.argv[0]!, "eleventy", `--config=${config}`, ...(serve ? ["--serve"] : []), ...passed];
  // cmd.cjs is not in Eleventy's package exports: load it by path.
  const require = createRequire(import.meta.url);
  const cmd = path.join(path.dirname(require.resolve("@11ty/eleventy")), "..", "cmd.cjs");
  await import(pathToFileURL(cmd).href);
}

/** The shape `broadsheet parse` prints: a stable, documented contract (see README). */
function parseView(article: Article, pathPrefix: string) {
  return {
    file: article.file,
    date: article.date,
    section: article.section,
    sectionSlug: article.sectionSlug,
    headline: article.headline,
    standfirst: article.standfirst,
    dateline: article.dateline,
    body: article.body.map((b) => ({ type: b.type, text: b.text })),
    source: article.source,
    url: pathPrefix + article.url.slice(1),
    words: article.words,
  };
}

async function main(argv: readonly string[], config: string): Promise<number> {
  const [command, ...args] = argv;
  if (command === "build" || command === "serve") {
    // Checked before Eleventy starts too: it would bury our message under its own report of a failed config.
    const settings = await loadSettings();
    // Only a build is published; `serve` is read on this machine, at this address.
    const local = command === "build" ? localAddressWarning(settings.url, settingsFile()) : null;
    if (local !== null) process.stderr.write(`${local}\n`);
    await eleventy(args, command === "serve", config);
    return 0;
  }
  const settings = await loadSettings();
  const options = { boilerplate: settings.boilerplate, readMany: readOnThreads(availableParallelism()) };
  if (command === "parse" && args.length > 0) {
    const read = await readArchive(args, options);
    for (const p of read.problems) process.stderr.write(`${formatProblem(p)}\n`);
    const articles = publish(read.articles, { sectionNames: settings.sectionNames });
    process.stdout.write(`${JSON.stringify(articles.map((a) => parseView(a, settings.pathPrefix)), null, 2)}\n`);
    return read.rejected.length > 0 ? 1 : 0;
  }
  if (command === "check" && args.length <= 1) {
    const folder = args[0] ?? settings.articles;
    const read = await readArchive([folder], options);
    for (const p of read.problems) process.stderr.write(`${formatProblem(p)}\n`);
    // Nothing to check is an error: it is most often a wrong path or a share not mounted.
    const empty = read.files.length === 0;
    if (empty) process.stderr.write(`${formatProblem({ file: folder, line: 0, message: "no article files", severity: "error" })}\n`);
    const warnings = read.problems.filter((p) => p.severity === "warning").length;
    process.stderr.write(
      `${printable(folder)}: ${read.files.length} files, ${read.articles.length} articles, ${read.rejected.length} rejected, ${warnings} warnings\n`,
    );
    return read.rejected.length > 0 || empty ? 1 : 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

/**
 * Runs the command `argv` (`build`, `serve`, `parse`, `check` and their arguments), setting the
 * process's exit code. `config`: the Eleventy config file to hand Eleventy, `.eleventy.ts` or
 * its bundle's (bin/broadsheet.js).
 */
export async function runCommand(argv: readonly string[], config: string): Promise<void> {
  // A reader that stops reading (`npm run build | head`) closes the pipe: the build goes on, silent.
  // Unheard, the error reached Eleventy's uncaught-exception handler, whose report of it failed the
  // same way, for ever: a build spinning at full CPU.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
  try {
    const code = await main(argv, config);
    // Eleventy sets its own exit code on failure; only ours is set here.
    if (code !== 0) process.exitCode = code;
  } catch (error) {
    // Settings problems are located already, one a line, like a compiler's.
    const message = error instanceof SettingsError ? error.message : `broadsheet: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${message}\n`);
    process.exitCode = 2;
  }
}
