import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { PROJECT } from "./buildSite.js";
import type { FixtureArticle } from "./fixtureArchive.js";

/**
 * Reading a built site back: its files, its HTML (with small regex-based helpers: the markup is
 * our own, so a full HTML parser is not needed), its XML, and what the fixture table says
 * pages should hold. Expectations come from the fixture; these helpers only read.
 */

// ---------------------------------------------------------------- the fixture's facts

interface SiteJson {
  readonly url: string;
  readonly title: string;
  readonly description: string;
  readonly sectionNames?: Readonly<Record<string, string>>;
}

/** `_data/site.json`, as a deploy would use it. */
export async function siteJson(): Promise<SiteJson> {
  return JSON.parse(await readFile(path.join(PROJECT, "_data/site.json"), "utf8")) as SiteJson;
}

/** The fixture's section slugs: `HARBOUR NEWS` → `harbour-news`. */
export function sectionSlug(section: string): string {
  return section.toLowerCase().replace(/\s+/gu, "-");
}

/** How a section is shown: the site's override (`US ELECTIONS` → `US Elections`), else each word capitalised. */
export function sectionDisplayName(section: string, overrides: Readonly<Record<string, string>> = {}): string {
  return overrides[section] ?? section.toLowerCase().replace(/(^|\s)(\p{L})/gu, (_m, sp: string, ch: string) => sp + ch.toUpperCase());
}

/** The sources an article is credited to: `Reuters, AFP` → Reuters, AFP. */
export function credits(a: FixtureArticle): string[] {
  return a.source ? a.source.split(/\s*,\s*/u).filter(Boolean) : [];
}

/** A credit's page slug: `Staff Writer` → `staff-writer`. */
export function sourceSlug(name: string): string {
  return name.toLowerCase().replace(/\s+/gu, "-");
}

/** `2017-04-12` → `/archive/2017/04/12/`; `2017-04` → `/archive/2017/04/`; `2017` → `/archive/2017/`. */
export function periodUrl(period: string): string {
  return `/archive/${period.replaceAll("-", "/")}/`;
}

/** Newest first, ties in table order: callers compare ties as sets. */
export function newestFirst(articles: readonly FixtureArticle[]): FixtureArticle[] {
  return [...articles].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

// ---------------------------------------------------------------- files

/** Every file under `root`, as site paths (`/a/b/index.html`), sorted. */
export async function siteFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => `/${path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/")}`)
    .sort();
}

/** The site path a file is served at: `/a/index.html` → `/a/`. */
export function servedAt(file: string): string {
  return file.endsWith("/index.html") ? file.slice(0, -"index.html".length) : file;
}

/**
 * Finds each fixture article's page: under `/{section}/{yyyy}/{mm}/{dd}/` (the documented URL
 * scheme), the one whose `<h1>` is its headline (and, where the wire repeated a headline on one
 * day, whose text holds the article's first paragraph). Fails unless every article has exactly one.
 */
export async function findArticleUrls(output: string, articles: readonly FixtureArticle[]): Promise<Map<FixtureArticle, string>> {
  const urls = new Map<FixtureArticle, string>();
  const problems: string[] = [];
  for (const a of articles) {
    const [y, m, d] = a.date.split("-");
    const day = `/${sectionSlug(a.section)}/${y}/${m}/${d}/`;
    let slugs: string[] = [];
    try {
      slugs = (await readdir(path.join(output, day), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    } catch {
      // reported below
    }
    const found: { url: string; html: string }[] = [];
    for (const slug of slugs) {
      const html = await readFile(path.join(output, day, slug, "index.html"), "utf8").catch(() => "");
      const h1 = elements(html, "h1")[0];
      if (h1 !== undefined && htmlText(h1) === a.headline) found.push({ url: `${day}${slug}/`, html });
    }
    const first = a.paragraphs[0];
    const matching = found.length > 1 && first !== undefined ? found.filter((f) => htmlText(f.html).includes(first)) : found;
    if (matching.length === 1) urls.set(a, matching[0]!.url);
    else problems.push(`${a.file} (${JSON.stringify(a.headline)}): ${found.length} pages under ${day}`);
  }
  if (problems.length > 0) throw new Error(`article pages not found as expected:\n${problems.join("\n")}`);
  return urls;
}

// ---------------------------------------------------------------- HTML

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Decodes character references; unknown named ones are left as written, so a test shows them. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/giu, (whole, hex?: string, dec?: string, name?: string) => {
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    if (dec !== undefined) return String.fromCodePoint(Number(dec));
    return NAMED[name!] ?? whole;
  });
}

/** The text a reader sees: tags removed, references decoded, white space collapsed. */
export function htmlText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/gu, "")).replace(/\s+/gu, " ").trim();
}

/** The attributes of one opening tag, values decoded. */
export function attributes(tag: string): Record<string, string> {
  const inner = tag.replace(/^<[^\s>/]+/u, "").replace(/\/?>$/u, "");
  const attrs: Record<string, string> = {};
  for (const m of inner.matchAll(/([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/gu)) {
    attrs[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}

/** The opening tags of an element kind (`meta`, `link`, `a`), in order, as attribute maps. */
export function tags(html: string, name: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, "giu"))].map((m) => attributes(m[0]));
}

/**
 * The outer HTML of every `<name>` element whose opening tag contains `opening` (say
 * `class="calendar"`), nesting of the same element counted. Not for void elements.
 */
export function elements(html: string, name: string, opening = ""): string[] {
  const tokens = [...html.matchAll(new RegExp(`<(/?)${name}\\b[^>]*>`, "giu"))];
  const found: string[] = [];
  tokens.forEach((open, i) => {
    if (open[1] === "/" || !open[0].includes(opening)) return;
    let depth = 0;
    for (let j = i; j < tokens.length; j++) {
      depth += tokens[j]![1] === "/" ? -1 : 1;
      if (depth === 0) {
        found.push(html.slice(open.index, tokens[j]!.index + tokens[j]![0].length));
        return;
      }
    }
  });
  return found;
}

/** The page's `<main>`: what a page says, without masthead and footer. */
export function mainOf(html: string): string {
  const main = elements(html, "main")[0];
  if (main === undefined) throw new Error("page has no <main>");
  return main;
}

export interface Anchor {
  readonly href: string;
  /** As a reader sees it. */
  readonly text: string;
  readonly attrs: Record<string, string>;
  /** Where the anchor starts in the HTML it was found in. */
  readonly index: number;
}

export function anchors(html: string): Anchor[] {
  return [...html.matchAll(/<a\b[^>]*>[\s\S]*?<\/a>/giu)].map((m) => {
    const attrs = attributes(/^<a\b[^>]*>/iu.exec(m[0])![0]);
    return { href: attrs.href ?? "", text: htmlText(m[0]), attrs, index: m.index };
  });
}

/** `<meta property="og:title" content="…">` or `<meta name="twitter:card" content="…">`: the content, decoded. */
export function metaContent(html: string, key: string): string | undefined {
  return tags(html, "meta").find((t) => t.property === key || t.name === key)?.content;
}

/**
 * The text of every `<script type="application/ld+json">` block, as written: script text is not
 * HTML, so it is not decoded.
 */
export function jsonLdBlocks(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\btype=["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script>/giu)].map((m) => m[1]!);
}

// ---------------------------------------------------------------- XML

/** Strict XML decoding: the five predefined entities and character references, nothing else. */
function decodeXml(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/giu, (whole, hex?: string, dec?: string, name?: string) => {
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    if (dec !== undefined) return String.fromCodePoint(Number(dec));
    const value = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[name!];
    if (value === undefined) throw new Error(`undefined XML entity ${whole}`);
    return value;
  });
}

/** Elements that may repeat in Atom and sitemaps: always arrays, even when there is one. */
const REPEATED = new Set(["entry", "link", "author", "category", "url", "sitemap"]);

/**
 * Parses XML after checking it is well-formed (fails with the parser's message otherwise).
 * Attributes are `@name`, text is `#text` beside attributes, values stay strings, and entities
 * are decoded exactly once.
 */
export function parseXml(text: string): Record<string, unknown> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    textNodeName: "#text",
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    trimValues: true,
    tagValueProcessor: (_name, value) => decodeXml(value),
    attributeValueProcessor: (_name, value) => decodeXml(value),
    isArray: (name) => REPEATED.has(name),
  });
  return parser.parse(text) as Record<string, unknown>;
}

/** The text of a parsed XML element, whether it has attributes or not. */
export function xmlText(node: unknown): string {
  if (typeof node === "string") return node;
  if (node && typeof node === "object" && "#text" in node) return String((node as Record<string, unknown>)["#text"]);
  return "";
}

/**
 * A build's stderr without Eleventy's `[11ty] Benchmark` notes: those say a filter took a large
 * share of the build, which depends on the machine's load, not on the site. Nor the warning that
 * the site's address is this machine's: the fixtures build with the default address on purpose
 * (test/build/cli.test.ts checks the warning itself).
 */
export function buildErrors(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => !/^\[11ty\] Benchmark\b/u.test(line) && !/: warning: url is \S+, this machine: /u.test(line))
    .join("\n")
    .trim();
}
