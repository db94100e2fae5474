/**
 * How long the search page takes to show results for a query in its address, as a reader who
 * follows a link to `/search/?q=…` waits for them: `npm run bench:search-load -- --site DIR
 * [--against DIR] [--query oil] [--latency 0,100] [--rounds 5]`. Serves each built site as a
 * static host does (serve.ts) and loads the page in Chromium with each round-trip time added to
 * every request by DevTools' network emulation (10 Mbit/s down): first as a first visit (a new
 * browser profile), then again in the same tab. `--against` times a second build of the same
 * articles (another version of Broadsheet) in the same run, alternating. Printed, never asserted.
 */
import { parseArgs } from "node:util";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import * as f from "./format.js";
import { median } from "./searchCost.js";
import { describeStuck, finished, SEARCH, waitStable } from "./searchPage.js";
import { serveSite, type SiteServer } from "./serve.js";

const { values } = parseArgs({
  options: {
    site: { type: "string" },
    against: { type: "string" },
    query: { type: "string", default: "oil" },
    latency: { type: "string", default: "0,100" },
    rounds: { type: "string", default: "5" },
  },
});
if (!values.site) throw new Error("usage: npm run bench:search-load -- --site DIR [--against DIR] [--query oil] [--latency 0,100] [--rounds 5]");
const sites = [values.site, ...(values.against ? [values.against] : [])].map((s) => path.resolve(s));
const latencies = values.latency.split(",").map(Number);
const rounds = Number(values.rounds);

/** Milliseconds from asking for the page to its status naming the query, done (searchPage.ts), twice: a first visit, then the same tab again. */
async function load(browser: Browser, server: SiteServer, latency: number): Promise<[number, number]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 });
    const times: number[] = [];
    for (let visit = 0; visit < 2; visit++) {
      const started = Date.now();
      await page.goto(`${server.url}${SEARCH.path}?q=${encodeURIComponent(values.query)}`);
      const waited = await waitStable(page, (shot) => finished(shot, values.query));
      if (!waited.done || waited.shot.urls.length === 0) throw new Error(`${server.url}: no results for “${values.query}” (${describeStuck(waited.shot)})`);
      times.push(waited.at - started);
    }
    return [times[0]!, times[1]!];
  } finally {
    await context.close();
  }
}

const servers = await Promise.all(sites.map((s) => serveSite(s)));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const rows = [["site", "added round trip", "first visit (median, range)", "again (median, range)"]];
  for (const latency of latencies) {
    const first: number[][] = sites.map(() => []);
    const again: number[][] = sites.map(() => []);
    // Alternating, so that both builds meet the machine's same moments.
    for (let r = 0; r < rounds; r++) {
      for (let s = 0; s < sites.length; s++) {
        const [a, b] = await load(browser, servers[s]!, latency);
        first[s]!.push(a);
        again[s]!.push(b);
      }
    }
    const shown = (xs: number[]): string => `${f.ms(median(xs))} (${f.ms(Math.min(...xs))} to ${f.ms(Math.max(...xs))})`;
    sites.forEach((site, s) => rows.push([path.basename(site), `${latency} ms`, shown(first[s]!), shown(again[s]!)]));
  }
  process.stdout.write(`“${values.query}”, ${rounds} rounds\n${f.table(rows)}\n`);
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
