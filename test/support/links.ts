import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { attributes, servedAt, siteFiles } from "./siteFiles.js";

/**
 * A link checker for a built site: every `href`, `src` and form `action` in every HTML file must
 * lead to a file the build wrote. External links (`http:`, `https:`, `mailto:`, `data:`, any
 * other scheme, `//host`) and links to a `#fragment` of the same page are not checked, except
 * absolute links to the site's own address when `siteUrl` is given (canonical links, `og:url`).
 */

export interface LinkCheckOptions {
  /** Where the site is served from: `/` or `/news-archive/`. Links outside it are broken. */
  readonly prefix?: string;
  /** The deployed site's address without the prefix (`http://localhost:8080`): links to it are checked too. */
  readonly siteUrl?: string;
}

export interface BrokenLink {
  /** The page, as a file of the output: `/weather/index.html`. */
  readonly page: string;
  /** As written in the page. */
  readonly link: string;
  readonly reason: string;
}

export interface LinkReport {
  /** Pages looked at. */
  readonly pages: number;
  /** Links checked, counted once per page. */
  readonly checked: number;
  readonly broken: readonly BrokenLink[];
}

const LINK_ATTRIBUTES = ["href", "src", "action"];

/** Every `href`, `src` and `action` value in a page, decoded, outside script and style text and comments. */
export function linkTargets(html: string): string[] {
  const markup = html
    .replace(/<!--[\s\S]*?-->/gu, "")
    .replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/giu, "$1$2")
    .replace(/(<style\b[^>]*>)[\s\S]*?(<\/style>)/giu, "$1$2");
  const targets: string[] = [];
  for (const tag of markup.matchAll(/<[a-z][a-z0-9-]*\b[^>]*>/giu)) {
    const attrs = attributes(tag[0]);
    for (const name of LINK_ATTRIBUTES) if (attrs[name] !== undefined) targets.push(attrs[name]);
  }
  return targets;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/iu;

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Resolves one link of a page to the output file it needs, or says why it cannot: `null` for a
 * link not checked (external, same-page fragment).
 */
export function resolveLink(link: string, pageUrl: string, options: LinkCheckOptions = {}): { file: string } | { reason: string } | null {
  const prefix = options.prefix ?? "/";
  let target = link.trim();
  if (target === "") return { reason: "empty link" };
  if (target.startsWith("#")) return null;
  if (options.siteUrl && target.startsWith(`${options.siteUrl}/`)) target = target.slice(options.siteUrl.length);
  else if (EXTERNAL.test(target)) return null;
  const base = new URL(pageUrl, "http://site.invalid");
  const url = new URL(target, base);
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { reason: "malformed percent-encoding" };
  }
  if (!pathname.startsWith(prefix)) return { reason: `outside the path prefix ${prefix}` };
  const rest = pathname.slice(prefix.length);
  return { file: rest === "" || rest.endsWith("/") ? `/${rest}index.html` : `/${rest}` };
}

/** Checks every link of every HTML page under `root`. */
export async function checkLinks(root: string, options: LinkCheckOptions = {}): Promise<LinkReport> {
  const prefix = options.prefix ?? "/";
  const files = await siteFiles(root);
  const pages = files.filter((f) => f.endsWith(".html"));
  const exists = new Map<string, Promise<boolean>>();
  const broken: BrokenLink[] = [];
  let checked = 0;
  for (const page of pages) {
    const html = await readFile(path.join(root, page), "utf8");
    const pageUrl = prefix + servedAt(page).slice(1);
    for (const link of new Set(linkTargets(html))) {
      const resolved = resolveLink(link, pageUrl, options);
      if (resolved === null) continue;
      checked++;
      if ("reason" in resolved) {
        broken.push({ page, link, reason: resolved.reason });
        continue;
      }
      const { file } = resolved;
      if (!exists.has(file)) {
        // A folder's address without its slash is served by redirect on every static host.
        exists.set(file, isFile(path.join(root, file)).then(async (ok) => ok || isFile(path.join(root, file, "index.html"))));
      }
      if (!(await exists.get(file))) broken.push({ page, link, reason: `no file ${file}` });
    }
  }
  return { pages: pages.length, checked, broken };
}

/** One line per broken link, for a failure message. */
export function formatBroken(broken: readonly BrokenLink[]): string {
  return broken.map((b) => `${b.page}: ${b.link} (${b.reason})`).join("\n");
}
