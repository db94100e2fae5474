import type { Article } from "./article.js";
import { teaser, type Teaser } from "./articlePages.js";
import type { Section } from "./sections.js";

/** What the home page shows, chosen by rules a reader can follow. */
export interface HomeFront {
  /**
   * The lead: the longest article of the newest day. On a wire, the day's main report runs long
   * and the prices, dividends and schedules it sends all day run short; ties go to the newest
   * first order. Null for an empty archive.
   */
  readonly lead: Article | null;
  /** Newest first after the lead, a headline the wire repeated shown once, its newest copy. */
  readonly latest: readonly Teaser[];
  /**
   * The sections busiest over the archive's last 30 days (their count then, then their size),
   * each with its newest headlines: a front has room for a dozen, not for hundreds.
   */
  readonly sections: readonly { readonly section: Section; readonly recent: number }[];
  /** Every section, for the link to the sections index. */
  readonly sectionCount: number;
}

export const LATEST_ON_HOME = 20;
export const SECTIONS_ON_HOME = 12;
/** The span whose articles rank the sections on the home page. */
const RECENT_DAYS = 30;

const sameHeadline = (headline: string): string => headline.toLocaleLowerCase().replace(/\s+/gu, " ").trim();

function daysBefore(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** The home page of an archive: `articles` newest first, `sections` as `sections()` gives them. */
export function homeFront(articles: readonly Article[], sections: readonly Section[]): HomeFront {
  const newestDay = articles[0]?.date;
  let lead: Article | null = null;
  for (const a of articles) {
    if (a.date !== newestDay) break;
    if (lead === null || a.words > lead.words) lead = a;
  }
  const seen = new Set(lead ? [sameHeadline(lead.headline)] : []);
  const latest: Teaser[] = [];
  for (const a of articles) {
    if (latest.length === LATEST_ON_HOME) break;
    const key = sameHeadline(a.headline);
    if (a === lead || seen.has(key)) continue;
    seen.add(key);
    latest.push(teaser(a));
  }
  const since = newestDay === undefined ? "" : daysBefore(newestDay, RECENT_DAYS);
  const recent = new Map<string, number>();
  for (const a of articles) {
    if (a.date <= since) break;
    recent.set(a.sectionSlug, (recent.get(a.sectionSlug) ?? 0) + 1);
  }
  const ranked = sections
    .map((section) => ({ section, recent: recent.get(section.slug) ?? 0 }))
    .sort((a, b) => b.recent - a.recent || b.section.count - a.section.count || (a.section.name < b.section.name ? -1 : 1));
  return { lead, latest, sections: ranked.slice(0, SECTIONS_ON_HOME), sectionCount: sections.length };
}
