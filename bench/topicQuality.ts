/**
 * How good the topics are: `npm run bench:topics [-- --min N] [--sample 100]`. On the 19,043
 * Reuters stories (../shared/corpus, research use only: nothing of them is kept in the project
 * but the judged names), prints the cost of extraction, the topics found per kind at several
 * minimums, the 50 largest of each kind, and a seeded random sample of topics. Each sampled topic
 * is looked up in `bench/topics-judged.tsv`, where a person judged it one by one (name, kind,
 * verdict, why): the precision printed is over the sample as judged, and a topic the file lacks is
 * listed for judging. Figures are printed, never asserted.
 *
 * `--fresh` draws the sample only from topics no other sample has judged. Earlier samples were
 * looked at while the rules were written, and the wrong topics they showed were fixed, so a
 * sample that may take them again says how good the judged topics are, not the rest. With
 * `--fresh` the precision of the whole is estimated in two parts: the topics judged before,
 * counted as judged, and the rest at the fresh sample's precision.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { publishArchive } from "../src/archive/archive.js";
import { TOPIC_KINDS, topicIndex, type Topic } from "../src/archive/topics.js";
import { decodeMentions, mentionsOf } from "../src/article/mentions.js";
import { parseArticle } from "../src/article/parse.js";
import type { ParsedArticle } from "../src/article/types.js";
import { REUTERS_TARBALL, unpackedReuters } from "./corpus.js";
import * as f from "./format.js";
import { median } from "./searchCost.js";

const PROJECT = path.resolve(import.meta.dirname, "..");
const JUDGED = path.join(PROJECT, "bench", "topics-judged.tsv");
const say = (text = ""): void => void process.stdout.write(`${text}\n`);

const { values } = parseArgs({ options: { fresh: { type: "boolean", default: false }, min: { type: "string", default: "3" }, sample: { type: "string", default: "100" }, seed: { type: "string", default: "20261130" } } });
const minArticles = Number(values.min);
const sampleSize = Number(values.sample);

const tarball = path.join(PROJECT, REUTERS_TARBALL);
if (!existsSync(tarball)) {
  process.stderr.write(`bench:topics needs the Reuters stories at ${tarball}\n`);
  process.exit(2);
}
const dir = await unpackedReuters(tarball);
const files = readdirSync(dir).filter((n) => n.endsWith(".txt")).sort();
const parsed: ParsedArticle[] = [];
for (const name of files) {
  const result = parseArticle(await readFile(path.join(dir, name), "utf8"), path.join(dir, name));
  if (result.ok) parsed.push(result.article);
}

// The cost of extraction alone, as the parser pays it once per new or changed file.
const runs: number[] = [];
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  for (const a of parsed) mentionsOf(a);
  runs.push((performance.now() - started) / 1000);
}
const perArticle = (median(runs) / parsed.length) * 1e6;
const mentions = parsed.reduce((n, a) => n + decodeMentions(a.mentions).length, 0);
say(`${f.int(parsed.length)} Reuters stories; extraction ${perArticle.toFixed(1)} µs an article (median of 5 runs), ${(mentions / parsed.length).toFixed(1)} names an article`);

const articles = publishArchive(parsed, {});
const started = performance.now();
const index = topicIndex(articles, minArticles);
say(`weighing them into topics: ${f.seconds((performance.now() - started) / 1000)}`);
say();
const rows = [["articles at least", ...TOPIC_KINDS, "all"]];
for (const n of [1, 2, 3, 5, 10]) {
  const topics = n === minArticles ? index.topics : topicIndex(articles, n).topics;
  rows.push([String(n), ...TOPIC_KINDS.map((k) => f.int(topics.filter((t) => t.kind === k).length)), f.int(topics.length)]);
}
say("topics found, by the minimum number of articles naming one:");
say(f.table(rows, "  "));
for (const kind of TOPIC_KINDS) {
  say();
  say(`the 50 largest of kind ${kind} (at least ${minArticles} articles):`);
  say(`  ${index.topics.filter((t) => t.kind === kind).slice(0, 50).map((t) => `${t.name} ${t.articles.length}`).join("; ")}`);
}

/** A judgement of one topic: its name as shown, its kind, right or wrong, and why. */
interface Judged {
  readonly verdict: "right" | "wrong";
  readonly why: string;
}
const judged = new Map<string, Judged>();
/** Topics judged under another seed's heading: what `--fresh` leaves out of its draw. */
const judgedElsewhere = new Set<string>();
if (existsSync(JUDGED)) {
  let seed = "";
  for (const line of readFileSync(JUDGED, "utf8").split("\n")) {
    if (line.startsWith("#")) {
      seed = /\bseed (\d+)/i.exec(line)?.[1] ?? seed;
      continue;
    }
    if (line.trim() === "") continue;
    const [name = "", kind = "", verdict = "", why = ""] = line.split("\t");
    if (verdict !== "right" && verdict !== "wrong") throw new Error(`${JUDGED}: "${line}": the verdict must be right or wrong`);
    judged.set(`${name}\t${kind}`, { verdict, why });
    if (seed !== values.seed) judgedElsewhere.add(`${name}\t${kind}`);
  }
}
const key = (t: Topic): string => `${t.name}\t${t.kind}`;

// A seeded sample, so that the judged file stays the judgement of the sample printed.
let state = Number(values.seed);
const random = (): number => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
const pool: Topic[] = index.topics.filter((t) => !values.fresh || !judgedElsewhere.has(key(t)));
const poolSize = pool.length;
const sample: Topic[] = [];
while (sample.length < sampleSize && pool.length > 0) sample.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
say();
say(`a random sample of ${sample.length} of the ${f.int(poolSize)} topics${values.fresh ? " no other sample has judged" : ""} (seed ${values.seed}), as judged in bench/topics-judged.tsv:`);
let right = 0;
let wrong = 0;
const unjudged: string[] = [];
sample.forEach((t, i) => {
  const j = judged.get(key(t));
  if (j?.verdict === "right") right++;
  else if (j?.verdict === "wrong") wrong++;
  else unjudged.push(`${t.name}\t${t.kind}`);
  const verdict = j ? `${j.verdict.toUpperCase()}${j.why ? ` (${j.why})` : ""}` : "not judged";
  say(`  ${String(i + 1).padStart(3)}. ${t.name} [${t.kind}] ${t.articles.length} articles, e.g. "${t.articles[0]!.headline}": ${verdict}`);
});
say();
if (right + wrong > 0) say(`precision over the ${right + wrong} judged: ${((100 * right) / (right + wrong)).toFixed(1)}% (${right} right, ${wrong} wrong)`);
if (values.fresh && right + wrong > 0) {
  const before = index.topics.filter((t) => judgedElsewhere.has(key(t)));
  const rightBefore = before.filter((t) => judged.get(key(t))?.verdict === "right").length;
  const whole = (rightBefore + (right / (right + wrong)) * poolSize) / index.topics.length;
  say(`judged before: ${f.int(before.length)} of today's topics, ${f.int(rightBefore)} right; the other ${f.int(poolSize)} at this sample's precision: ${(100 * whole).toFixed(1)}% of all ${f.int(index.topics.length)} topics right`);
}
if (unjudged.length > 0) {
  say(`${unjudged.length} sampled topics are not judged yet; add them to bench/topics-judged.tsv (name, kind, right or wrong, why):`);
  for (const u of unjudged) say(`  ${u}`);
  say();
  say("what each names them as, to judge by (up to six articles each, where the name or a word of it is):");
  for (const t of sample.filter((s) => !judged.has(key(s)))) {
    say(`${t.name} [${t.kind}], ${t.articles.length} articles:`);
    for (const a of t.articles.slice(0, 6)) say(`  - ${a.headline} (${a.date}): ${whereNamed(t.name, a)}`);
  }
}

/** The sentence of an article where a topic's name is, or else one of its longer words. */
function whereNamed(name: string, article: (typeof articles)[number]): string {
  const text = [article.standfirst ?? "", ...article.body.map((p) => p.text)].join(" ");
  const words = [name, ...name.split(/\s+/).filter((w) => w.length >= 4).reverse()];
  for (const w of words) {
    const at = text.indexOf(w);
    if (at >= 0) return `…${text.slice(Math.max(0, at - 120), at + w.length + 120).replace(/\s+/g, " ")}…`;
  }
  return "(not in the text as such)";
}
