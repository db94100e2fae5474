import { sectionName } from "./sectionName.js";
import { slug } from "../slug.js";
import { isBundleFolder } from "./searchShards.js";
import type { ParsedArticle } from "../article/types.js";
import type { Article } from "./article.js";

export interface PublishOptions {
  readonly sectionNames?: Readonly<Record<string, string>>;
}

/**
 * The site's own top-level folders: the search page, the indexes, date pages (`/archive/…`),
 * source and topic pages, the assets, the search page's word directory, and the search bundles
 * (`pagefind`, `pagefind-1988`, …, searchShards.ts). A section is a top-level folder too: one of
 * these names gets `-section` added, so that a "SEARCH" desk's front neither overwrites the search
 * page nor is overwritten by it, and no bundle removed from a rebuild takes a section with it.
 * (No bundle's name ends in `-section`: they end in dates.)
 */
const SITE_FOLDERS: ReadonlySet<string> = new Set(["archive", "assets", "search", "search-words", "sections", "source", "topic", "topics"]);

function sectionSlug(sectionRaw: string): string {
  const s = slug(sectionRaw, "section");
  return SITE_FOLDERS.has(s) || isBundleFolder(s) ? `${s}-section` : s;
}

/** `/{section-slug}/{yyyy}/{mm}/{dd}/{headline-slug}/`, without numeric suffix. */
function baseUrl(sectionSlug: string, article: ParsedArticle): string {
  const [yyyy, mm, dd] = article.date.split("-");
  return `/${sectionSlug}/${yyyy}/${mm}/${dd}/${article.slug}`;
}

/**
 * Gives every article its display section and a unique URL. Articles that would share a URL
 * all stay: the first by file path keeps it, the others get `-2`, `-3`, ... in file path order,
 * so the same files always get the same URLs, whatever order they were read in.
 */
export function publish(parsed: readonly ParsedArticle[], options: PublishOptions = {}): Article[] {
  const byPath = [...parsed].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  // Sections are few and articles many: each section is named and slugged once.
  const sections = new Map<string, { readonly name: string; readonly slug: string }>();
  const taken = new Set<string>();
  const wanted = byPath.map((a) => {
    let section = sections.get(a.sectionRaw);
    if (section === undefined) {
      section = { name: sectionName(a.sectionRaw, options.sectionNames), slug: sectionSlug(a.sectionRaw) };
      sections.set(a.sectionRaw, section);
    }
    return { article: a, section, base: baseUrl(section.slug, a) };
  });
  // Unsuffixed URLs are claimed first, so a headline that really ends in `-2` keeps its URL.
  const firstClaim = new Set<string>();
  for (const w of wanted) firstClaim.add(w.base);
  return wanted.map(({ article, section, base }) => {
    let url = base;
    let copy = 1;
    if (taken.has(url)) {
      let n = 2;
      while (taken.has(`${base}-${n}`) || firstClaim.has(`${base}-${n}`)) n++;
      url = `${base}-${n}`;
      copy = n;
    }
    taken.add(url);
    // The article's own fields last: in V8, fields added after a spread (`{ ...article, url }`)
    // gave each of 100,000 articles its own hidden class, and every later read of a field went
    // through a slow lookup (measured: sorting them newest first took six times as long).
    return { url: `${url}/`, section: section.name, sectionSlug: section.slug, copy, ...article };
  });
}
