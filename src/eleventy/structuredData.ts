import type { Article } from "../archive/article.js";
import type { Settings } from "../settings.js";

/** The absolute URL of a site path, with the path prefix: what canonical links and feeds need. */
export function absoluteUrl(settings: Settings, path: string): string {
  return `${settings.url}${settings.pathPrefix}${path.replace(/^\//u, "")}`;
}

/** A schema.org NewsArticle for an article page (https://schema.org/NewsArticle). */
export function newsArticle(article: Article, settings: Settings): Record<string, unknown> {
  const publisher = { "@type": "Organization", name: settings.title, url: absoluteUrl(settings, "/") };
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.headline,
    description: article.standfirst ?? article.body[0]?.text ?? "",
    datePublished: article.date,
    articleSection: article.section,
    url: absoluteUrl(settings, article.url),
    mainEntityOfPage: absoluteUrl(settings, article.url),
    inLanguage: settings.language,
    wordCount: article.words,
    ...(article.dateline ? { locationCreated: { "@type": "Place", name: article.dateline } } : {}),
    author: article.sources.length > 0 ? article.sources.map((name) => ({ "@type": "Organization", name })) : publisher,
    publisher,
  };
}

/**
 * JSON for a `<script type="application/ld+json">` block. `<`, `>` and `&` are escaped as
 * `\u003c`…, so text such as `</script>` in a headline cannot close the block.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</gu, "\\u003c")
    .replace(/>/gu, "\\u003e")
    .replace(/&/gu, "\\u0026")
    .replace(/\u2028/gu, "\\u2028")
    .replace(/\u2029/gu, "\\u2029");
}
