import { SETTINGS_SCHEMA, type Fault, type SettingRule } from "./settingsSchema.js";

/** A site's settings, from `_data/site.json`; every field has a default (see SETTINGS_SCHEMA). */
export interface Settings {
  readonly title: string;
  readonly description: string;
  /** Absolute base URL of the deployed site, without the path prefix: `https://example.org`. */
  readonly url: string;
  /** Where the site lives under `url`: `/` or `/archive/`. */
  readonly pathPrefix: string;
  readonly language: string;
  /** IANA zone the archive's dates belong to, for feeds and structured data. */
  readonly timeZone: string;
  /** Section names as written in headers, mapped to how the site shows them. */
  readonly sectionNames: Readonly<Record<string, string>>;
  /** Trailing lines dropped from every article. */
  readonly boilerplate: readonly string[];
  /** The picture of pages with none of their own (share cards, structured data): a site path or a URL. */
  readonly image: string;
  /** The publisher's logo in structured data: a site path or a URL. */
  readonly logo: string;
  /** Folder of article files; the `BROADSHEET_ARTICLES` environment variable wins. */
  readonly articles: string;
  /** Articles per page on section fronts and source pages. */
  readonly pageSize: number;
  /**
   * Whether the names articles give are found, each with a page, a timeline and feeds (topics):
   * off, a clean build of 100,000 articles takes about a fifth less time (README).
   */
  readonly topics: boolean;
  /** Articles that must name a person, place or organisation for it to be a topic. */
  readonly topicMinArticles: number;
  /** Past this many articles the search index is cut into yearly shards (see searchShards). */
  readonly searchShardSize: number;
  /**
   * Archive pages (articles, fronts, date, source and topic pages, topic feeds) in one run: the
   * share of the drawing one thread takes at a time (src/build/draw.ts).
   */
  readonly pagesPerRun: number;
  /**
   * Threads drawing pages at once, the build's own included: 1 draws every run on the build's
   * thread. How a site is drawn, not what: the output is the same whatever the number.
   */
  readonly workers: number;
}

/** Where the settings are, from the project root; `BROADSHEET_SETTINGS` names another file. */
export const SETTINGS_FILE = "_data/site.json";

export type Environment = Readonly<Record<string, string | undefined>>;

const RULES = Object.entries(SETTINGS_SCHEMA) as [keyof Settings, SettingRule<unknown>][];

export const DEFAULT_SETTINGS: Settings = Object.freeze(Object.fromEntries(RULES.map(([name, rule]) => [name, rule.default])) as unknown as Settings);

/** Settings that cannot build a site: every problem, one a line, ready to print as they are. */
export class SettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "SettingsError";
  }
}

export type SettingsResult =
  | { readonly ok: true; readonly settings: Settings; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[]; readonly warnings: readonly string[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A value as the file or the shell wrote it, cut short: messages stay one line. */
function show(value: unknown): string {
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 60 ? `${shown.slice(0, 59)}…` : shown;
}

/** `_data/site.json: pageSize: must be a whole number ≥ 1 (got -5)`. */
function describe(where: string, fault: Fault, value: unknown): string {
  const got = show("got" in fault ? fault.got : value);
  return `${where}${fault.at ?? ""}: ${fault.message} (got ${got}${fault.hint ? `; ${fault.hint}` : ""})`;
}

/** Edits (insert, delete, replace, swap two neighbours) between two names, ignoring case. */
function editDistance(a: string, b: string): number {
  const [s, t] = [a.toLowerCase(), b.toLowerCase()];
  const d = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[s.length]![t.length]!;
}

/** ` (did you mean pageSize?)` for a key a typo or two away from a setting; a third of the key at most. */
function didYouMean(key: string): string {
  const [best] = RULES.map(([name]) => ({ name, distance: editDistance(key, name) })).sort((a, b) => a.distance - b.distance);
  return best && best.distance <= Math.max(1, Math.floor(key.length / 3)) ? ` (did you mean ${best.name}?)` : "";
}

/**
 * Checks the settings file's value (`input`, parsed JSON) and the environment's overrides
 * against SETTINGS_SCHEMA, and fills in defaults. Every problem is reported, not just the first,
 * located like a compiler's: `_data/site.json: pageSize: …` or `BROADSHEET_PAGES_PER_RUN: …`.
 * An unknown key is only a warning: the build goes on without it.
 */
export function validateSettings(input: unknown, env: Environment, file: string): SettingsResult {
  const problems: string[] = [];
  if (!isObject(input)) problems.push(`${file}: must be a JSON object (got ${show(input)})`);
  const given = isObject(input) ? input : {};
  const resolved: Record<string, unknown> = {};
  for (const [name, rule] of RULES) {
    let value = rule.default;
    if (Object.hasOwn(given, name)) {
      const checked = rule.check(given[name]);
      if (checked.ok) value = checked.value;
      else problems.push(...checked.faults.map((f) => describe(`${file}: ${name}`, f, given[name])));
    }
    const text = rule.env ? env[rule.env.name] : undefined;
    const override = text === undefined ? undefined : rule.env!.read(text);
    if (override !== undefined) {
      const checked = rule.check(override);
      if (checked.ok) value = checked.value;
      // Shown as the shell has it, `"abc"` or `"-5"`, not as it was read.
      else problems.push(...checked.faults.map((f) => describe(rule.env!.name, f, text)));
    }
    resolved[name] = value;
  }
  const warnings = Object.keys(given)
    .filter((key) => !Object.hasOwn(SETTINGS_SCHEMA, key))
    .map((key) => `${file}: warning: ${key}: unknown setting${didYouMean(key)}`);
  // Frozen: every page of a build reads it, none may change it.
  return problems.length > 0 ? { ok: false, problems, warnings } : { ok: true, settings: Object.freeze(resolved as unknown as Settings), warnings };
}

/** Where in `text` JSON.parse gave up: the offset of the first character no JSON value can have there. */
function jsonErrorOffset(text: string): number {
  const token = {
    string: /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/uy,
    scalar: /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"|true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/uy,
    space: /[ \t\n\r]*/uy,
  };
  let at = 0;
  const skip = (re: RegExp): boolean => {
    re.lastIndex = at;
    const match = re.exec(text);
    if (match) at += match[0].length;
    return match !== null;
  };
  const expect = (found: boolean): void => {
    if (!found) throw at;
  };
  const char = (c: string): boolean => text[at] === c && ++at > 0;
  const value = (): void => {
    skip(token.space);
    const close = char("{") ? "}" : char("[") ? "]" : null;
    if (close === null) return expect(skip(token.scalar));
    skip(token.space);
    if (char(close)) return;
    do {
      skip(token.space);
      if (close === "}") {
        expect(skip(token.string));
        skip(token.space);
        expect(char(":"));
      }
      value();
      skip(token.space);
    } while (char(","));
    expect(char(close));
  };
  try {
    value();
    skip(token.space);
    expect(at === text.length);
  } catch (offset) {
    return offset as number;
  }
  return text.length;
}

/** `_data/site.json:3: expected ',' or '}' after property value`: JSON.parse's reason, with a line. */
function jsonProblem(text: string, file: string, error: Error): string {
  // Eleventy reads the file too, with JSON.parse, which takes no byte order mark either.
  if (text.startsWith("\uFEFF")) return `${file}:1: starts with a byte order mark: save it as UTF-8 without one`;
  const reason = error.message
    .replace(/ (?:in JSON )?at position \d+.*$/su, "")
    .replace(/^(Unexpected token '.*?'), .*$/su, "$1")
    .replace(/^./u, (c) => c.toLowerCase());
  // Cut off at the end: the line of the last thing written, not the blank one after it.
  const offset = Math.min(jsonErrorOffset(text), text.trimEnd().length);
  const line = text.slice(0, offset).split("\n").length;
  return `${file}:${line}: ${reason}`;
}

/**
 * The settings from the settings file's text (`null` when there is no file: all defaults) and the
 * environment. A file that is not JSON is one problem; the environment's are still reported.
 */
export function settingsFromText(text: string | null, env: Environment, file: string): SettingsResult {
  if (text === null) return validateSettings({}, env, file);
  try {
    return validateSettings(JSON.parse(text) as unknown, env, file);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const rest = validateSettings({}, env, file);
    return { ok: false, problems: [jsonProblem(text, file, error), ...(rest.ok ? [] : rest.problems)], warnings: [] };
  }
}

/**
 * Fills defaults in and normalises what users write differently (`archive` vs `/archive/`).
 * `BROADSHEET_ARTICLES`, `BROADSHEET_URL` and `BROADSHEET_PATH_PREFIX` override the file, for
 * one-off builds and CI; `BROADSHEET_SEARCH_SHARD_SIZE` and `BROADSHEET_PAGES_PER_RUN` too, to
 * see a large archive's sharded search and batched rendering on a small one. Throws a
 * SettingsError listing every problem.
 */
export function resolveSettings(input: Partial<Settings>, env: Environment = {}, file = SETTINGS_FILE): Settings {
  const result = validateSettings(input, env, file);
  if (!result.ok) throw new SettingsError(result.problems);
  return result.settings;
}

/**
 * What a build says when the site's address is this machine's (the default): its feeds, sitemap,
 * canonical links and share cards carry the address, so a site published with it sends readers
 * and feed readers to their own machine. Null for any other address, and for none (relative).
 */
export function localAddressWarning(url: string, file: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  const local = host === "localhost" || host.endsWith(".localhost") || host === "[::1]" || host === "0.0.0.0" || /^127\.\d+\.\d+\.\d+$/u.test(host);
  return local ? `${file}: warning: url is ${url}, this machine: feeds, the sitemap and canonical links point there; set "url" (or BROADSHEET_URL) to the site's public address before publishing` : null;
}
