// Takes the README's screenshots in Debian's chromium: `npm run screenshots`.
// The site is the invented test archive plus the sample article: never the Reuters corpus,
// whose licence keeps it out of the project's docs.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { launchBrowser } from "../test/support/browser.js";
import { buildSite, PROJECT } from "../test/support/buildSite.js";
import { fixtureArticles, writeArchive } from "../test/support/fixtureArchive.js";
import { serveStatic } from "../test/support/staticServer.js";
import { topicArticles } from "../test/support/topicArchive.js";

const seed = await readFile(path.join(PROJECT, "articles/000_2b75a7af945c25a9.txt"), "utf8");
const site = await buildSite(await writeArchive([...fixtureArticles(), ...topicArticles()], { "seed.txt": seed }));
if (site.code !== 0) throw new Error(site.stderr);
const server = await serveStatic(site.output);
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const shots: [string, string][] = [
  ["home", "/"],
  ["article", "/syrian-conflict/2017/04/12/tillerson-and-lavrov-meet-in-moscow-as-us-blasts-russia-about-syria/"],
  ["section", "/weather/"],
  ["month", "/archive/2017/11/"],
  ["search", "/search/?q=lighthouse"],
  ["topic", "/topic/james-baker/"],
];
for (const [name, url] of shots) {
  const response = await page.goto(server.url + url);
  if (response?.status() !== 200) throw new Error(`${url}: HTTP ${response?.status()}`);
  if (name === "search") await page.locator(".result").first().waitFor();
  await page.screenshot({ path: path.join(PROJECT, "docs/screenshots", `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}
await browser.close();
await server.close();
