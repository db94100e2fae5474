import { availableParallelism } from "node:os";
import { IANAZone } from "luxon";
import { MAX_SHARD_ARTICLES } from "./archive/searchShards.js";
import { DEFAULT_TOPIC_MIN_ARTICLES } from "./archive/topics.js";
import { DEFAULT_BOILERPLATE } from "./article/parse.js";
import type { Settings } from "./settings.js";

/** What is wrong with a value, said the way an error message ends: `must be a whole number ≥ 1`. */
export interface Fault {
  readonly message: string;
  /** Where inside the setting, for objects and arrays: `["US ELECTIONS"]`, `[2]`. */
  readonly at?: string;
  /** The offending part, when it is not the whole value. */
  readonly got?: unknown;
  /** What the user probably meant: `did you mean "en-US"?`. */
  readonly hint?: string;
}

/** A value checked against its rule: the value to use (normalised), or everything wrong with it. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly faults: readonly Fault[] };

export interface SettingRule<T> {
  /** What the setting means, in one line. */
  readonly doc: string;
  readonly default: T;
  readonly check: (value: unknown) => Checked<T>;
  /**
   * The environment variable that overrides the file for one build, and how its text reads as a
   * value; `undefined` means "not set".
   */
  readonly env?: { readonly name: string; readonly read: (text: string) => unknown };
}

export type SettingsSchema = { readonly [K in keyof Settings]: SettingRule<Settings[K]> };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fault = (message: string, extra: Omit<Fault, "message"> = {}): Checked<never> => ({ ok: false, faults: [{ message, ...extra }] });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

const nonEmptyString = (v: unknown): Checked<string> => (isText(v) ? ok(v) : fault("must be a non-empty string"));

const yesOrNo = (v: unknown): Checked<boolean> =>
  typeof v === "boolean" ? ok(v) : fault("must be true or false", v === "true" || v === "false" ? { hint: `write ${v} without quotes` } : {});

// No upper bound: a larger value costs memory or bytes a page, and breaks nothing.
function wholeNumber(v: unknown): Checked<number> {
  if (typeof v === "number" && Number.isInteger(v) && v >= 1) return ok(v);
  const quoted = typeof v === "string" && /^\d+$/u.test(v) && Number(v) >= 1;
  return fault("must be a whole number ≥ 1", quoted ? { hint: `write ${v} without quotes` } : {});
}

/**
 * The site's origin. A path here would be doubled by, or disagree with, `pathPrefix` in every
 * canonical link and feed URL, so it is refused with a pointer to `pathPrefix`.
 */
function siteUrl(v: unknown): Checked<string> {
  const expected = 'must be an absolute http or https URL such as "https://example.org"';
  // `new URL` forgives "http:example.org" and surrounding spaces; the links made from the string would not.
  if (typeof v !== "string" || !/^https?:\/\/[^\s/?#]/iu.test(v) || /\s/u.test(v) || !URL.canParse(v)) return fault(expected);
  if (/[?#]/u.test(v)) return fault("must not have a query or fragment");
  const url = v.replace(/\/+$/u, "");
  const { pathname } = new URL(url);
  if (pathname !== "/") return fault("must not have a path", { hint: `put "${pathname}/" in pathPrefix` });
  return ok(url);
}

/**
 * Where the site lives under its URL. Written into every link as is, so each segment must need
 * no escaping, and `.` or `..` would send links outside the site.
 */
function sitePath(v: unknown): Checked<string> {
  if (typeof v !== "string") return fault('must be a path such as "/archive/"');
  const inner = v.replace(/^\/+|\/+$/gu, "");
  if (inner === "") return ok("/");
  const segments = inner.split("/");
  if (segments.some((s) => s === "." || s === "..")) return fault('must not have a "." or ".." segment');
  if (segments.includes("")) return fault('must not have an empty segment ("//")');
  if (!segments.every((s) => /^[A-Za-z0-9._~-]+$/u.test(s))) return fault('must have only letters, digits, "-", ".", "_" and "~" between its slashes');
  return ok(`/${inner}/`);
}

const isLanguageTag = (v: string): boolean => {
  try {
    Intl.getCanonicalLocales(v);
    return true;
  } catch {
    return false;
  }
};

/** Any well-formed tag: one Intl or Pagefind do not know falls back to a default, harmlessly. */
function languageTag(v: unknown): Checked<string> {
  if (typeof v === "string" && isLanguageTag(v)) return ok(v);
  const dashed = typeof v === "string" ? v.replace(/_/gu, "-") : "";
  const hint = dashed !== v && isLanguageTag(dashed) ? `did you mean "${dashed}"?` : undefined;
  return fault('must be a BCP 47 language tag such as "en" or "pt-BR"', hint ? { hint } : {});
}

function timeZone(v: unknown): Checked<string> {
  return typeof v === "string" && IANAZone.isValidZone(v) ? ok(v) : fault('must be an IANA time zone such as "UTC" or "Europe/Malta"');
}

function sectionNames(v: unknown): Checked<Record<string, string>> {
  if (!isObject(v)) return fault('must be an object of display names by section, such as {"US ELECTIONS": "US Elections"}');
  const faults = Object.entries(v)
    .filter(([, name]) => !isText(name))
    .map(([section, name]) => ({ message: "must be a non-empty string", at: `[${JSON.stringify(section)}]`, got: name }));
  return faults.length > 0 ? { ok: false, faults } : ok({ ...(v as Record<string, string>) });
}

function lines(v: unknown): Checked<string[]> {
  if (!Array.isArray(v)) return fault("must be an array of strings");
  const faults = v.flatMap((line: unknown, i) => (typeof line === "string" ? [] : [{ message: "must be a string", at: `[${i}]`, got: line }]));
  return faults.length > 0 ? { ok: false, faults } : ok([...(v as string[])]);
}

/** An empty variable counts as not set, as a shell's `VAR= npm run build` means. */
const text = (t: string): string | undefined => (t === "" ? undefined : t);
const FLAGS = new Map([["true", true], ["1", true], ["false", false], ["0", false]]);
/** `true`, `false`, `1`, `0` as a shell gives them; anything else is left for the check to refuse. */
const flag = (t: string): unknown => FLAGS.get(t.trim().toLowerCase()) ?? (t.trim() === "" ? undefined : t);
const number = (t: string): unknown => (t.trim() === "" ? undefined : /^\d+$/u.test(t.trim()) ? Number(t) : t);

/** Every setting of `_data/site.json`: its rule, its default, what it means, what overrides it. */
export const SETTINGS_SCHEMA: SettingsSchema = {
  title: { doc: "the site's name: masthead, page titles, feeds", default: "Broadsheet", check: nonEmptyString },
  description: { doc: "one line under the masthead, in feeds and meta tags", default: "A searchable archive of news articles.", check: nonEmptyString },
  url: {
    doc: "the public address, without the path prefix: https://example.org",
    default: "http://localhost:8080",
    check: siteUrl,
    env: { name: "BROADSHEET_URL", read: text },
  },
  pathPrefix: {
    doc: "where the site lives under url: / or /archive/",
    default: "/",
    check: sitePath,
    // Empty is a value here: the site at the root.
    env: { name: "BROADSHEET_PATH_PREFIX", read: (t) => t },
  },
  language: { doc: "the pages' lang, date formats, search stemming", default: "en", check: languageTag },
  timeZone: { doc: "the zone of the archive's dates, for feeds", default: "UTC", check: timeZone },
  sectionNames: { doc: "display names by section header", default: {}, check: sectionNames },
  boilerplate: { doc: "trailing lines dropped from every article", default: DEFAULT_BOILERPLATE, check: lines },
  image: {
    doc: "the picture of pages with none of their own, for share cards and structured data: a site path or a URL",
    default: "/assets/share.png",
    check: nonEmptyString,
  },
  logo: { doc: "the publisher's logo in structured data: a site path or a URL", default: "/assets/logo.png", check: nonEmptyString },
  articles: { doc: "the folder of article files", default: "articles", check: nonEmptyString, env: { name: "BROADSHEET_ARTICLES", read: text } },
  pageSize: { doc: "articles per page on section fronts and source pages", default: 30, check: wholeNumber },
  topics: {
    doc: "whether people, places and organisations named in the articles get pages of their own",
    default: true,
    check: yesOrNo,
    env: { name: "BROADSHEET_TOPICS", read: flag },
  },
  topicMinArticles: {
    doc: "articles that must name a person, place or organisation for it to be a topic",
    default: DEFAULT_TOPIC_MIN_ARTICLES,
    check: wholeNumber,
    env: { name: "BROADSHEET_TOPIC_MIN_ARTICLES", read: number },
  },
  searchShardSize: {
    doc: "past this many articles, the search index is cut into shards",
    default: MAX_SHARD_ARTICLES,
    check: wholeNumber,
    env: { name: "BROADSHEET_SEARCH_SHARD_SIZE", read: number },
  },
  pagesPerRun: {
    doc: "archive pages in one run of drawing, the share one thread takes at a time",
    default: 5_000,
    check: wholeNumber,
    env: { name: "BROADSHEET_PAGES_PER_RUN", read: number },
  },
  workers: {
    doc: "threads drawing pages at once, the build's own included (default: one per core but one)",
    // The core left over is the search indexers': Pagefind keeps about one busy for the whole build.
    default: Math.max(1, availableParallelism() - 1),
    check: wholeNumber,
    env: { name: "BROADSHEET_WORKERS", read: number },
  },
};
