/**
 * Routing against Pagefind on a real archive: `node --import tsx bench/routingCheck.ts --site DIR
 * --reference DIR [--queries N] [--seed S]`. DIR is a build cut into periods, the reference one
 * index of the same articles (BROADSHEET_SEARCH_SHARD_SIZE above their number). For N queries made
 * from sampled articles (headlines, rare words, a word typed halfway, words with digits,
 * apostrophes, hyphens, accents, `u.s.`, a ticker in angle brackets, `£3.3bn`, a phrase), every
 * period the word directory does not select is searched in the one index, filtered to its days:
 * any result there is a period routing wrongly left out. Prints the misses and how far routing
 * narrows. Nothing asserted.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { missedPeriods, queriesOf, siteRouter } from "../test/support/routingCheck.js";
import * as f from "./format.js";
import { createRng } from "./generateArticles.js";
import { readSiteArchive, sample, textOf } from "./qualitySample.js";
import { CHROMIUM, CHROMIUM_ARGS } from "./searchCost.js";
import { serveSite } from "./serve.js";

const { values } = parseArgs({ options: { site: { type: "string" }, reference: { type: "string" }, queries: { type: "string", default: "1000" }, seed: { type: "string", default: "1" } } });
if (!values.site || !values.reference) {
  process.stderr.write("usage: node --import tsx bench/routingCheck.ts --site DIR --reference DIR [--queries N] [--seed S]\n");
  process.exit(2);
}
const wanted = Number(values.queries);
const seed = Number(values.seed);
const say = (text = ""): void => void process.stdout.write(`${text}\n`);

const router = await siteRouter(path.resolve(values.site));
const archive = await readSiteArchive(path.resolve(values.site));
const random = createRng(seed);
const pick = (n: number): number => Math.floor(random() * n);
const queries: string[] = [];
for (const file of sample(archive.files, Math.ceil(wanted / 10), seed)) {
  // The page's text as a reader sees it, digits and punctuation included.
  const html = await readFile(path.join(path.resolve(values.site), file), "utf8");
  const headline = textOf(/<h1[\s>][\s\S]*?<\/h1>/u.exec(html)?.[0] ?? "");
  const body = [.../<div class="[^"]*\barticle-body\b[^"]*">([\s\S]*?)<\/div>/u.exec(html)?.[1]?.matchAll(/<p[\s>][\s\S]*?<\/p>/gu) ?? []].map((m) => textOf(m[0])).join(" ");
  queries.push(...queriesOf(headline, body, pick));
}
queries.splice(wanted);
const t0 = performance.now();
const routed = await Promise.all(queries.map(async (query) => ({ query, routed: await router.route(query) })));
const server = await serveSite(path.resolve(values.reference));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/404.html`);
  const misses = await missedPeriods(page, server.url, router.periods, routed);
  const sizes = routed.map((r) => r.routed.size);
  say(`Routing of ${f.int(queries.length)} queries over ${router.periods.length} periods (${values.site}), checked against one index (${values.reference}) in ${f.seconds((performance.now() - t0) / 1000)}`);
  say(`  periods selected per query: median ${sizes.sort((a, b) => a - b)[Math.floor(sizes.length / 2)]}, none for ${sizes.filter((s) => s === 0).length}, all for ${sizes.filter((s) => s === router.periods.length).length}`);
  say(`  periods left out where the one index finds a page: ${misses.length}`);
  for (const miss of misses.slice(0, 50)) say(`    "${miss.query}": ${miss.results} results in ${miss.period}`);
} finally {
  await browser.close();
  await server.close();
}
