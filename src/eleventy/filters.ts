import { dateToRfc3339 } from "@11ty/eleventy-plugin-rss";
import { DateTime } from "luxon";
import type { Settings } from "../settings.js";
import type { Article } from "../archive/article.js";
import type { EleventyConfig } from "./config.js";
import { absoluteLink, absoluteUrl, newsArticle, scriptJson } from "./structuredData.js";

type Filter = (...args: any[]) => unknown;

/**
 * The templates' date and URL filters, by name: given to Eleventy for the site's own pages
 * (filtersPlugin) and to the environment the archive's pages are drawn with (runs.ts).
 * Formats follow the site's language.
 */
export function broadsheetFilters(settings: Settings): Record<string, Filter> {
  const filters: Record<string, Filter> = {};
  const config = { addFilter: (name: string, filter: Filter) => void (filters[name] = filter) };
  const day = (iso: string): DateTime => DateTime.fromISO(iso, { zone: settings.timeZone, locale: settings.language });
  /**
   * Dates repeat across a hundred thousand pages while Luxon formats slowly: each distinct
   * date is formatted once per format.
   */
  const memo = (format: (iso: string) => string): ((iso: string) => string) => {
    const seen = new Map<string, string>();
    return (iso) => {
      let text = seen.get(iso);
      if (text === undefined) seen.set(iso, (text = format(iso)));
      return text;
    };
  };

  /** `2017-04-12` → `12 April 2017` (or the locale's order). */
  const readableDate = memo((iso) => day(iso).toLocaleString(DateTime.DATE_FULL));
  config.addFilter("readableDate", readableDate);
  /** `2017-04-12` → `Wednesday 12 April 2017`. */
  config.addFilter("longDate", memo((iso) => day(iso).toLocaleString(DateTime.DATE_HUGE)));
  /** `2017-04-12` → `Apr 12, 2017`, for dense lists. */
  config.addFilter("shortDate", memo((iso) => day(iso).toLocaleString(DateTime.DATE_MED)));
  /**
   * A site path with the path prefix: `/syria/` → `/archive/syria/`. Replaces Eleventy's own `url`
   * filter, which parses every argument with `new URL()` and cost a tenth of a large build.
   */
  const prefix = settings.pathPrefix;
  config.addFilter("url", (path: string) => (path.startsWith("/") && !path.startsWith("//") ? prefix + path.slice(1) : path));
  /** The full URL of a site path, for canonical links, feeds and structured data. */
  config.addFilter("absoluteUrl", (path: string) => absoluteUrl(settings, path));
  /** A site path or URL as an absolute URL, for share cards: `/assets/share.png` → `https://…/assets/share.png`. */
  config.addFilter("absoluteLink", (pathOrUrl: string) => absoluteLink(settings, pathOrUrl));
  /** The article's schema.org NewsArticle, as JSON safe inside a script block. */
  config.addFilter("newsArticleJson", (article: Article) => scriptJson(newsArticle(article, settings)));
  /** Any value as JSON safe to print in a page or a JSON feed. */
  config.addFilter("json", (value: unknown) => scriptJson(value));
  /** `2017-04-12` → the start of that day in the site's zone, as Atom and JSON Feed write it. */
  config.addFilter("rfc3339", memo((iso) => dateToRfc3339(day(iso).toJSDate())));
  /**
   * A year, month or day of the archive in the site's language: `2017`, `April 2017`, and a day
   * as `readableDate` writes it, so that a day page's heading and its articles' dates agree.
   */
  config.addFilter(
    "periodLabel",
    memo((period) => (period.length === 10 ? readableDate(period) : period.length === 7 ? day(`${period}-01`).toLocaleString({ month: "long", year: "numeric" }) : period)),
  );
  /** A month by its name alone, `2017-04` → `April`: under its year on the archive index. */
  config.addFilter("monthName", memo((period) => day(`${period}-01`).toLocaleString({ month: "long" })));
  /** A number with the locale's grouping: `19043` → `19,043`. */
  config.addFilter("count", (n: number) => n.toLocaleString(settings.language));
  return filters;
}

export function filtersPlugin(config: EleventyConfig, settings: Settings): void {
  for (const [name, filter] of Object.entries(broadsheetFilters(settings))) config.addFilter(name, filter);
}
