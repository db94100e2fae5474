import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { HtmlValidate, type ConfigData, type RuleConfig } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, PROJECT, type BuiltSite } from "../support/buildSite.js";
import { fixtureArticles, writeArchive, type FixtureArticle } from "../support/fixtureArchive.js";
import { articleDayDir, escapeHtml, HOSTILE, hostileFiles, sectionSlug } from "../support/hostileArticles.js";
import { listBuilt } from "../support/listBuilt.js";
import { buildErrors } from "../support/siteFiles.js";
import { pagerArticles, pagerFiles } from "../support/pagedArchive.js";

/**
 * Rules that `.htmlvalidate.json` may turn off, each with its reason (JSON has no comments, and
 * html-validate rejects unknown keys in its config, so the reasons live here and are enforced).
 * Only opinions of style or SEO belong here, never validity or accessibility.
 */
const STYLE_OPINIONS: Record<string, string> = {
  "long-title": "SEO advice (search engines cut titles at ~70 characters); a page's title is its headline, as long as the wire wrote it",
};
/** Validity and accessibility rules that must stay on at full strength. */
const NEVER_RELAXED = [
  "element-permitted-content", "element-permitted-parent", "element-permitted-occurrences", "element-required-content",
  "no-dup-id", "attribute-allowed-values", "unique-landmark", "no-missing-references", "heading-level",
  "no-raw-characters", "close-order", "input-missing-label", "aria-label-misuse", "valid-id", "missing-doctype",
];

// The fixture table, markup-like text, and enough Weather/Reuters articles to need a second page.
const articles: FixtureArticle[] = [...fixtureArticles(), ...HOSTILE, ...pagerArticles()];
let site: BuiltSite;
let htmlFiles: string[];
let config: ConfigData;

beforeAll(async () => {
  site = await buildSite(await writeArchive(fixtureArticles(), { ...hostileFiles(), ...pagerFiles() }));
  expect(buildErrors(site.stderr)).toBe("");
  expect(site.code).toBe(0);
  htmlFiles = await listBuilt(site.output, ".html");
  config = JSON.parse(await readFile(path.join(PROJECT, ".htmlvalidate.json"), "utf8")) as ConfigData;
});

const read = (file: string): Promise<string> => readFile(path.join(site.output, file), "utf8");

/** The written page of an article, found by its headline among the pages of its section and day. */
async function articlePage(a: FixtureArticle): Promise<string> {
  const dir = articleDayDir(site.output, a);
  const h1 = `<h1 class="headline">${escapeHtml(a.headline)}</h1>`;
  const pages = await Promise.all((await readdir(dir)).map((slug) => readFile(path.join(dir, slug, "index.html"), "utf8")));
  const matching = pages.filter((html) => html.includes(h1));
  expect(matching, `one page in ${dir} with ${h1}`).toHaveLength(1);
  return matching[0]!;
}

/** A start tag, its name and its attributes (quoted values may hold `>`; escaped text holds no quotes). */
const TAG = /<([a-z][\w-]*)((?:\s+[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/giu;
const ATTRIBUTE = /\s+([^\s"'=<>/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/gu;

type RuleSetting = RuleConfig[string];

/** What in a page could only come from text let through as markup: the problems, one a line. */
function liveMarkup(html: string): string[] {
  const problems: string[] = [];
  // The only scripts: the search page's module and an article's JSON-LD data block.
  for (const [tag] of html.matchAll(/<script\b[^>]*>/giu)) {
    if (!/^<script type="(module" src="\/assets\/search\.js|application\/ld\+json)">$/u.test(tag)) problems.push(tag);
  }
  for (const [tag, name, attributes] of html.matchAll(TAG)) {
    if (/^(img|srd|b|i|em)$/iu.test(name!)) problems.push(tag);
    for (const [, attribute] of attributes!.matchAll(ATTRIBUTE)) if (/^on/iu.test(attribute!)) problems.push(tag);
  }
  for (const element of ["article", "main", "p", "h2"]) {
    const open = html.match(new RegExp(`<${element}[\\s>]`, "gu"))?.length ?? 0;
    const close = html.match(new RegExp(`</${element}>`, "gu"))?.length ?? 0;
    if (open !== close) problems.push(`${open} <${element}> but ${close} </${element}>`);
  }
  return problems;
}

function severityOf(rule: RuleSetting | undefined): string | number | undefined {
  return Array.isArray(rule) ? rule[0] : rule;
}

describe("the built site", () => {
  it("holds every kind of page the fixture archive calls for", () => {
    const articlePages = htmlFiles.filter((f) => /^\/[a-z-]+\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/u.test(f));
    expect(articlePages).toHaveLength(articles.length);
    const expected = [
      "/index.html", "/404.html", "/search/index.html", "/sections/index.html", "/source/index.html", "/archive/index.html",
      ...new Set(articles.map((a) => `/${sectionSlug(a.section)}/index.html`)),
      ...new Set(articles.map((a) => `/archive/${a.date.slice(0, 4)}/index.html`)),
      ...new Set(articles.map((a) => `/archive/${a.date.slice(0, 7).replace("-", "/")}/index.html`)),
      ...new Set(articles.map((a) => `/archive/${a.date.replace(/-/gu, "/")}/index.html`)),
      ...new Set(articles.flatMap((a) => (a.source ?? "").split(", ").map((s) => `/source/${sectionSlug(s)}/index.html`))),
      // Two pages' worth (of 30, the page size) in Weather and from Reuters: a page of the oldest, with pagers.
      "/weather/page/1/index.html", "/source/reuters/page/1/index.html",
    ];
    expect(expected.filter((f) => !htmlFiles.includes(f))).toEqual([]);
  });

  it("writes pagers on the paginated pages, so their markup is validated too", async () => {
    for (const file of ["/weather/index.html", "/weather/page/1/index.html", "/source/reuters/index.html", "/source/reuters/page/1/index.html"]) {
      expect(await read(file), file).toMatch(/<nav class="pager" aria-label="Pages">[^]*aria-current="page"/u);
    }
  });

  it("counts a section or source on its front, and gives older pages their number from the oldest and their own span of dates", async () => {
    for (const [first, second] of [["/weather/index.html", "/weather/page/1/index.html"], ["/source/reuters/index.html", "/source/reuters/page/1/index.html"]]) {
      expect(await read(first!), first).toMatch(/<p class="front-meta">[\d,]+ articles[^<]*(<time[^]*)? · newest of 2 pages<\/p>/u);
      const meta = /<p class="front-meta">Page 1, counted from the oldest: <time datetime="(\d{4}-\d{2}-\d{2})">[^<]+<\/time> to <time datetime="(\d{4}-\d{2}-\d{2})">/u.exec(await read(second!));
      expect(meta, second).not.toBeNull();
      expect(meta![1]! <= meta![2]!, "oldest first").toBe(true);
    }
  });

  it("is valid HTML, every page of it, by the project's html-validate config", async () => {
    const validator = new HtmlValidate(config);
    const problems: string[] = [];
    for (const file of htmlFiles) {
      const report = await validator.validateFile(path.join(site.output, file));
      for (const result of report.results) {
        for (const m of result.messages) problems.push(`${file}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
      }
    }
    expect(htmlFiles.length).toBeGreaterThan(articles.length);
    expect(problems, `${problems.length} problems:\n${problems.join("\n")}`).toEqual([]);
  });

  it("is checked by a config that extends the recommended rules and turns off only opinions of style", () => {
    expect(config.extends).toContain("html-validate:recommended");
    // Beyond the preset: a page's headings go down one level at a time, ids referred to exist.
    for (const rule of ["heading-level", "no-missing-references", "input-missing-label"]) expect(severityOf(config.rules?.[rule])).toBe("error");
    const rules = config.rules ?? {};
    const off = Object.keys(rules).filter((r) => ["off", 0].includes(severityOf(rules[r]) as string | number));
    expect(off.filter((r) => !(r in STYLE_OPINIONS)), "rules turned off without a reason in STYLE_OPINIONS").toEqual([]);
    const relaxed = Object.keys(rules).filter((r) => (NEVER_RELAXED.includes(r) || r.startsWith("wcag/")) && !["error", 2].includes(rules[r] as string | number));
    expect(relaxed, "validity and accessibility rules are only ever set to a plain \"error\"").toEqual([]);
  });
});

describe("text that looks like markup", () => {
  it("is written escaped, as text, on the article's page", async () => {
    for (const a of HOSTILE) {
      const html = await articlePage(a);
      // The title opens with the headline, escaped; its section and day follow.
      expect(html).toContain(`<title>${escapeHtml(a.headline)} · `);
      expect(html).toContain(`<p class="standfirst">${escapeHtml(a.standfirst!)}</p>`);
      for (const p of a.paragraphs) expect(html).toContain(escapeHtml(p));
      if (a.crosshead) expect(html).toMatch(new RegExp(`<h2 class="crosshead" id="[^"]+"><a href="#[^"]+">${escapeHtml(a.crosshead).replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}</a></h2>`, "u"));
    }
    const [script, ticker] = [await articlePage(HOSTILE[0]!), await articlePage(HOSTILE[1]!)];
    expect(script).toContain("Council bans &lt;script&gt;alert(1)&lt;/script&gt; from the agenda");
    expect(script).toContain("A photo &lt;img src=x onerror=alert(1)&gt; went missing before &lt;/article&gt; the vote");
    expect(ticker).toContain("STANDARD HARBOUR &lt;SRD&gt; TO BUY TUGS &amp;amp; BARGES");
  });

  it("is written escaped on the section front and the day's archive page", async () => {
    for (const a of HOSTILE) {
      const teaser = `">${escapeHtml(a.headline)}</a></h`;
      expect(await read(`/${sectionSlug(a.section)}/index.html`)).toContain(teaser);
      expect(await read(`/archive/${a.date.replace(/-/gu, "/")}/index.html`)).toContain(teaser);
    }
  });

  it("keeps its own words in the structured data, where it cannot close the script block", async () => {
    for (const a of HOSTILE) {
      const html = await articlePage(a);
      const blocks = [...html.matchAll(/<script type="application\/ld\+json">([^]*?)<\/script>/gu)].map((m) => m[1]!);
      expect(blocks).toHaveLength(1);
      expect(blocks[0]).not.toContain("<");
      expect((JSON.parse(blocks[0]!) as { headline: string }).headline).toBe(a.headline);
    }
  });

  it("never becomes a live tag, attribute or closing tag in any page", async () => {
    // The scanner itself finds what it looks for.
    expect(liveMarkup('<p title="a > b">x</p><img src=x onerror=alert(1)><script>alert(1)</script></article>')).toEqual([
      "<script>", "<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>", "0 <article> but 1 </article>",
    ]);
    const problems: string[] = [];
    for (const file of htmlFiles) problems.push(...liveMarkup(await read(file)).map((p) => `${file}: ${p}`));
    expect(problems, problems.join("\n")).toEqual([]);
  });
});
