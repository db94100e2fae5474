import { sectionName } from "./sectionName.js";
import { slug } from "../slug.js";
import type { ParsedArticle } from "../article/types.js";
import type { Article } from "./article.js";

export interface PublishOptions {
  readonly sectionNames?: Readonly<Record<string, string>>;
}

/** `/{section-slug}/{yyyy}/{mm}/{dd}/{headline-slug}/`, without numeric suffix. */
function baseUrl(sectionSlug: string, article: ParsedArticle): string {
  const [yyyy, mm, dd] = article.date.split("-");
  return `/${sectionSlug}/${yyyy}/${mm}/${dd}/${slug(article.headline)}`;
}

/**
 * Gives every article its display section and a unique URL. Articles that would share a URL
 * all stay: the first by file path keeps it, the others get `-2`, `-3`, ... in file path order,
 * so the same files always get the same URLs, whatever order they were read in.
 */
export function publish(parsed: readonly ParsedArticle[], options: PublishOptions = {}): Article[] {
  const byPath = [...parsed].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const sectionSlugs = new Map<string, string>();
  const taken = new Set<string>();
  const wanted = byPath.map((a) => {
    let sectionSlug = sectionSlugs.get(a.sectionRaw);
    if (sectionSlug === undefined) {
      sectionSlug = slug(a.sectionRaw, "section");
      sectionSlugs.set(a.sectionRaw, sectionSlug);
    }
    return { article: a, sectionSlug, base: baseUrl(sectionSlug, a) };
  });
  // Unsuffixed URLs are claimed first, so a headline that really ends in `-2` keeps its URL.
  const firstClaim = new Set<string>();
  for (const w of wanted) firstClaim.add(w.base);
  return wanted.map(({ article, sectionSlug, base }) => {
    let url = base;
    if (taken.has(url)) {
      let n = 2;
      while (taken.has(`${base}-${n}`) || firstClaim.has(`${base}-${n}`)) n++;
      url = `${base}-${n}`;
    }
    taken.add(url);
    return {
      ...article,
      url: `${url}/`,
      section: sectionName(article.sectionRaw, options.sectionNames),
      sectionSlug,
    };
  });
}
