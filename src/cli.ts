import { formatProblem } from "./article/types.js";
import { publish } from "./archive/urls.js";
import { loadSettings } from "./io/loadSettings.js";
import { readArchive } from "./io/readArchive.js";
import type { Article } from "./archive/article.js";

const USAGE = `usage: broadsheet parse <file-or-folder>...   print what the parser reads, as JSON
       broadsheet check [folder]               check every article; exit 1 on any error`;

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

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  const settings = await loadSettings();
  const options = { boilerplate: settings.boilerplate };
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
    const warnings = read.problems.filter((p) => p.severity === "warning").length;
    process.stderr.write(
      `${folder}: ${read.files.length} files, ${read.articles.length} articles, ${read.rejected.length} rejected, ${warnings} warnings\n`,
    );
    return read.rejected.length > 0 ? 1 : 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`broadsheet: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
