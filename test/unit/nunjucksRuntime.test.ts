import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import nunjucks from "nunjucks";
import { afterAll, describe, expect, it } from "vitest";
import { buildArchive } from "../../src/archive/archive.js";
import { archiveEnvironment, drawRun } from "../../src/eleventy/runs.js";
import { restoreNunjucks, speedUpNunjucks } from "../../src/eleventy/nunjucksRuntime.js";
import { readArchive } from "../../src/io/readArchive.js";
import { DEFAULT_SETTINGS } from "../../src/settings.js";

/**
 * Broadsheet draws with faster versions of four of Nunjucks' runtime functions
 * (src/eleventy/nunjucksRuntime.ts): every page must come out as Nunjucks' own would draw it.
 */

const PROJECT = path.resolve(import.meta.dirname, "../..");

/** `template` drawn with Nunjucks' own runtime, then with Broadsheet's. */
function bothWays(template: string, context: object, options: nunjucks.ConfigureOptions = {}): [string, string] {
  const draw = (): string => new nunjucks.Environment(null, options).renderString(template, context);
  restoreNunjucks();
  try {
    const theirs = draw();
    speedUpNunjucks();
    return [theirs, draw()];
  } finally {
    speedUpNunjucks();
  }
}

afterAll(() => speedUpNunjucks());

describe("Broadsheet's Nunjucks runtime", () => {
  it("escapes any text as Nunjucks does", () => {
    // Text heavy in what is escaped, and in what is near it (accents, astral characters, a
    // surrogate alone).
    const char = fc.constantFrom("&", '"', "'", "<", ">", "\\", "a", " ", "é", "\u2028", "😀", "\ud83d", "&amp;");
    const text = fc.oneof(fc.string(), fc.array(char, { maxLength: 40 }).map((cs) => cs.join("")));
    fc.assert(
      fc.property(text, (value) => {
        const [theirs, ours] = bothWays("{{ value }}|{{ value | escape }}|{{ value | safe }}", { value });
        expect(ours).toBe(theirs);
      }),
      { numRuns: 500 },
    );
  });

  it("writes values that are not strings as Nunjucks does, escaped or not", () => {
    const context = { n: 0, big: 12.5, no: false, nothing: null, missing: undefined, list: ["<a>", 2], object: { toString: () => "<b>&" } };
    const template = "{{ n }} {{ big }} {{ no }} [{{ nothing }}] [{{ missing }}] [{{ absent }}] {{ list }} {{ object }} {{ '<i>' | safe }}";
    for (const autoescape of [true, false]) {
      const [theirs, ours] = bothWays(template, context, { autoescape });
      expect(ours).toBe(theirs);
    }
    // And what each side gives is what a reader expects of it.
    expect(bothWays(template, context)[1]).toBe("0 12.5 false [] [] [] &lt;a&gt;,2 &lt;b&gt;&amp; <i>");
  });

  it("keeps loops, their variables and scoping as Nunjucks does", () => {
    const template = [
      "{% for row in rows %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.revindex }}/{{ loop.length }}{% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %}",
      "{% for cell in row %}({{ loop.index }}:{{ cell }}){% endfor %};{% endfor %}",
      "{% for key, value in table %}{{ key }}={{ value }}{% else %}none{% endfor %}",
      // A `set` inside a loop or an `if` of a name set outside writes to the outside one.
      "{% set total = 0 %}{% for n in [1, 2, 3] %}{% set total = total + n %}{% endfor %}[{{ total }}]",
      "{% set seen = 'no' %}{% if rows %}{% set seen = 'yes' %}{% endif %}[{{ seen }}]",
      "{% macro item(name, mark='*') %}{{ mark }}{{ name }}{% endmacro %}{{ item('a') }}{{ item('<b>', mark='#') }}",
      "{% set block %}<p>{{ rows[0][0] }}</p>{% endset %}{{ block }}",
    ].join("\n");
    const [theirs, ours] = bothWays(template, { rows: [["x", "<y>"], [], ["z"]], table: { a: 1, b: "&" } });
    expect(ours).toBe(theirs);
    expect(ours).toContain("1/0/3/3F\n(1:x)(2:&lt;y&gt;);2/1/2/3\n;3/2/1/3L\n(1:z);");
    expect(ours).toContain("[6]");
    expect(ours).toContain("[yes]");
    expect(ours).toContain("*a#&lt;b&gt;");
  });

  it("looks members up as Nunjucks does, methods bound to their object", () => {
    const template = "{{ text.length }} {{ text.toUpperCase() }} {{ list.join('-') }} {{ person.name }} [{{ person.age }}] [{{ nothing.field }}] {{ person.greet('x') }}";
    const person = { name: "Ann", greet(this: { name: string }, who: string) { return `${this.name} greets ${who}`; } };
    const [theirs, ours] = bothWays(template, { text: "a'b", list: [1, 2], person, nothing: null });
    expect(ours).toBe(theirs);
    expect(ours).toBe("3 A&#39;B 1-2 Ann [] [] Ann greets x");
  });
});

describe("the archive's pages, drawn with Broadsheet's runtime", () => {
  const folders: string[] = [];
  afterAll(() => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));

  it("are byte for byte what Nunjucks' own runtime draws", async () => {
    // The sample article and the test fixtures: quotes, markup, accents, Arabic, Chinese, Turkish.
    const read = await readArchive([path.join(PROJECT, "articles"), path.join(PROJECT, "test/fixtures/input")]);
    const archive = buildArchive(read.articles, { sectionNames: {}, pageSize: 2, topicMinArticles: 1, siteTitle: "Archive" });
    const run = {
      articles: archive.articlePages,
      sectionFronts: archive.sectionFronts,
      sourcePages: archive.sourcePages,
      datePages: archive.datePages,
      topicPages: archive.topicPages,
      topicIndexPages: archive.topicIndexPages,
      topicFeeds: archive.topicFeeds,
    };
    const settings = { ...DEFAULT_SETTINGS, articles: path.join(PROJECT, "articles") };
    const includes = path.join(PROJECT, "_includes");
    const drawn = async (fast: boolean): Promise<Map<string, string>> => {
      const output = await mkdtemp(path.join(os.tmpdir(), "broadsheet-nunjucks-"));
      folders.push(output);
      const env = archiveEnvironment(settings, includes);
      if (!fast) restoreNunjucks();
      try {
        await drawRun(run, { settings, includes, output }, env, () => undefined);
      } finally {
        speedUpNunjucks();
      }
      const files = (await readdir(output, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
      return new Map(await Promise.all(files.map(async (e): Promise<[string, string]> => [path.relative(output, path.join(e.parentPath, e.name)), await readFile(path.join(e.parentPath, e.name), "utf8")])));
    };
    const theirs = await drawn(false);
    const ours = await drawn(true);
    expect(archive.topicPages.length).toBeGreaterThan(0);
    expect(theirs.size).toBe(archive.articlePages.length + archive.sectionFronts.length + archive.sourcePages.length + archive.datePages.length + archive.topicPages.length + archive.topicIndexPages.length + 2 * archive.topicFeeds.length);
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [file, html] of theirs) expect(ours.get(file), file).toBe(html);
  });
});
