import { DateTime } from "luxon";
import type { Article } from "../archive/article.js";
import { sourceUrl } from "../archive/sources.js";
import type { ArticleTopic, TopicKind } from "../archive/topics.js";
import { datelinePlace } from "../article/dateline.js";
import type { Settings } from "../settings.js";

/** The absolute URL of a site path, with the path prefix: what canonical links and feeds need. */
export function absoluteUrl(settings: Settings, path: string): string {
  // Not `replace(/^\//u, "")`: called for every link of every feed and page's structured data.
  return `${settings.url}${settings.pathPrefix}${path.startsWith("/") ? path.slice(1) : path}`;
}

/** A site path (`/assets/share.png`) as an absolute URL; a URL as it is. */
export function absoluteLink(settings: Settings, pathOrUrl: string): string {
  return /^https?:\/\//iu.test(pathOrUrl) ? pathOrUrl : absoluteUrl(settings, pathOrUrl);
}

/** Day starts made so far, by zone and day. */
const dayStarts = new Map<string, string>();

/**
 * The start of a day in the site's time zone, with its offset: `1987-03-23T00:00:00-05:00`.
 * Each day once per zone: through Luxon it took 13 µs an article page, 1.3 s of drawing 100,000
 * of them, and an archive of 100,000 articles has a few thousand days.
 */
function dayStart(date: string, settings: Settings): string {
  const key = `${settings.timeZone}\n${date}`;
  let start = dayStarts.get(key);
  if (start === undefined) dayStarts.set(key, (start = DateTime.fromISO(date, { zone: settings.timeZone }).toISO({ suppressMilliseconds: true })!));
  return start;
}

/**
 * A schema.org NewsArticle for an article page (https://schema.org/NewsArticle), with what
 * Google's article documentation recommends: times with their zone, `dateModified` (an archived
 * article is not revised: its publication), an image (the site's, articles having none), the
 * publisher's logo, and each author's page (a credit's source page).
 */
export function newsArticle(article: Article & { readonly topics?: readonly ArticleTopic[] }, settings: Settings): Record<string, unknown> {
  const topics = article.topics ?? [];
  const publisher = {
    "@type": "Organization",
    name: settings.title,
    url: absoluteUrl(settings, "/"),
    logo: { "@type": "ImageObject", url: absoluteLink(settings, settings.logo) },
  };
  const published = dayStart(article.date, settings);
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.headline,
    description: article.standfirst ?? article.body[0]?.text ?? "",
    datePublished: published,
    dateModified: published,
    image: [absoluteLink(settings, settings.image)],
    articleSection: article.section,
    url: absoluteUrl(settings, article.url),
    mainEntityOfPage: absoluteUrl(settings, article.url),
    inLanguage: settings.language,
    wordCount: article.words,
    // The place alone: `dateline` keeps the line as written (`NEW YORK, June 1`).
    ...(article.dateline ? { dateline: article.dateline, locationCreated: { "@type": "Place", name: datelinePlace(article.dateline) } } : {}),
    author:
      article.sources.length > 0
        ? article.sources.map((name) => ({ "@type": "Organization", name, url: absoluteUrl(settings, sourceUrl(name)) }))
        : { "@type": "Organization", name: settings.title, url: absoluteUrl(settings, "/") },
    publisher,
    // What the article is about (the topics its headline or standfirst names) and what it mentions.
    ...linkedTopics("about", topics.filter((t) => t.lead), settings),
    ...linkedTopics("mentions", topics.filter((t) => !t.lead), settings),
  };
}

const SCHEMA_TYPES: Readonly<Record<TopicKind, string>> = { person: "Person", place: "Place", organisation: "Organization" };

function linkedTopics(property: "about" | "mentions", topics: readonly ArticleTopic[], settings: Settings): Record<string, unknown> {
  if (topics.length === 0) return {};
  return { [property]: topics.map(({ topic }) => ({ "@type": SCHEMA_TYPES[topic.kind], name: topic.name, url: absoluteUrl(settings, topic.url) })) };
}

/**
 * JSON for a `<script type="application/ld+json">` block. `<`, `>` and `&` are escaped as
 * `\u003c`…, so text such as `</script>` in a headline cannot close the block.
 */
export function scriptJson(value: unknown): string {
  const json = JSON.stringify(value) as string | undefined;
  // A template naming a field that is not there: fail the build rather than write broken JSON.
  if (json === undefined) throw new Error("scriptJson: no value to write (undefined)");
  // Most values have nothing to escape (the feeds' many small ones): one scan, not five.
  if (!UNSAFE_IN_SCRIPT.test(json)) return json;
  return json.replace(/</gu, "\\u003c").replace(/>/gu, "\\u003e").replace(/&/gu, "\\u0026").replace(/\u2028/gu, "\\u2028").replace(/\u2029/gu, "\\u2029");
}

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/u;
