import { createRequire } from "node:module";

/**
 * Faster versions of four functions of Nunjucks' runtime that a drawn page calls hundreds of
 * times, each giving what Nunjucks' own gives. Profiled drawing the 19,043 Reuters stories, these
 * four took about a fifth of the build's thread while it drew:
 *
 * - `Frame.prototype.set` splits its name on dots at every call, and a `{% for %}` sets seven
 *   names (`loop.index`, `loop.first`…) at every turn: 0.9 s. Split once per name here.
 * - `suppressValue` (every `{{ }}`) and `lib.escape`, which called back into JavaScript for every
 *   quote and apostrophe of the text: news is full of them. Here the matches are found by the
 *   same expression and the text is put together between them.
 * - `memberLookup` (every `a.b`) read the member twice.
 *
 * Nunjucks 3.2.4 is pinned: its compiled templates call these through the `runtime` and `lib`
 * modules, which Eleventy's Nunjucks shares with Broadsheet's (one copy in node_modules), so one
 * patch serves both. test/unit/nunjucksRuntime.test.ts draws templates both ways.
 */

const require = createRequire(import.meta.url);

interface Frame {
  variables: Record<string, unknown>;
  set(name: string, value: unknown, resolveUp?: boolean): void;
}

interface Runtime {
  Frame: { prototype: Frame };
  memberLookup(obj: unknown, key: string): unknown;
  suppressValue(value: unknown, autoescape: boolean): unknown;
}

interface Lib {
  escape(text: string): string;
}

const runtime = require("nunjucks/src/runtime.js") as Runtime;
const lib = require("nunjucks/src/lib.js") as Lib;

const NUNJUCKS = { set: runtime.Frame.prototype.set, memberLookup: runtime.memberLookup, suppressValue: runtime.suppressValue, escape: lib.escape };

/** Nunjucks' own (lib.js). */
const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", '"': "&quot;", "'": "&#39;", "<": "&lt;", ">": "&gt;", "\\": "&#92;" };
const TO_ESCAPE = /[&"'<>\\]/gu;

function escape(text: string): string {
  TO_ESCAPE.lastIndex = 0;
  let match = TO_ESCAPE.exec(text);
  // Most of a page's values have nothing to escape: the text itself, no copy.
  if (match === null) return text;
  let out = "";
  let from = 0;
  while (match !== null) {
    out += text.slice(from, match.index) + ENTITIES[match[0]]!;
    from = match.index + 1;
    match = TO_ESCAPE.exec(text);
  }
  return out + text.slice(from);
}

/** Dotted names by their parts: a template has a handful, set over and over. */
const parts = new Map<string, readonly string[]>();

function set(this: Frame, name: string, value: unknown, resolveUp?: boolean): void {
  // Setting up through the frames (`{% set %}` in a loop) is rare: Nunjucks' own way.
  if (resolveUp) return NUNJUCKS.set.call(this, name, value, resolveUp);
  if (!name.includes(".")) {
    this.variables[name] = value;
    return;
  }
  let path = parts.get(name);
  if (path === undefined) parts.set(name, (path = name.split(".")));
  let object = this.variables;
  for (let i = 0; i < path.length - 1; i++) {
    const id = path[i]!;
    if (!object[id]) object[id] = {};
    object = object[id] as Record<string, unknown>;
  }
  object[path[path.length - 1]!] = value;
}

function memberLookup(obj: unknown, key: string): unknown {
  if (obj === undefined || obj === null) return undefined;
  const value = (obj as Record<string, unknown>)[key];
  // A method stays bound to its object, read when called, as Nunjucks does.
  if (typeof value === "function") return (...args: unknown[]): unknown => ((obj as Record<string, (...a: unknown[]) => unknown>)[key]!).apply(obj, args);
  return value;
}

function suppressValue(value: unknown, autoescape: boolean): unknown {
  // A string is never a SafeString (an object): escaped if the template escapes.
  if (typeof value === "string") return autoescape ? escape(value) : value;
  return NUNJUCKS.suppressValue(value, autoescape);
}

/** Installs the faster functions, for every Nunjucks environment of this thread. */
export function speedUpNunjucks(): void {
  runtime.Frame.prototype.set = set;
  runtime.memberLookup = memberLookup;
  runtime.suppressValue = suppressValue;
  lib.escape = escape;
}

/** Puts Nunjucks' own back (for tests that compare the two). */
export function restoreNunjucks(): void {
  runtime.Frame.prototype.set = NUNJUCKS.set;
  runtime.memberLookup = NUNJUCKS.memberLookup;
  runtime.suppressValue = NUNJUCKS.suppressValue;
  lib.escape = NUNJUCKS.escape;
}
