import { availableParallelism } from "node:os";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, localAddressWarning, resolveSettings, settingsFromText, validateSettings, type Environment } from "../../src/settings.js";

describe("resolveSettings defaults", () => {
  it("fills every field in from nothing", () => {
    const s = resolveSettings({});
    expect(s).toEqual({
      title: "Broadsheet",
      description: "A searchable archive of news articles.",
      url: "http://localhost:8080",
      pathPrefix: "/",
      language: "en",
      timeZone: "UTC",
      sectionNames: {},
      boilerplate: ["Please login or register to comment."],
      image: "/assets/share.png",
      logo: "/assets/logo.png",
      articles: "articles",
      pageSize: 30,
      topics: true,
      topicMinArticles: 3,
      searchShardSize: 5_000,
      pagesPerRun: 5_000,
      // One core is left to the search indexers; a one-core machine draws on the build's thread.
      workers: Math.max(1, availableParallelism() - 1),
    });
  });

  it("keeps what the site sets", () => {
    const s = resolveSettings({
      title: "Island Herald Archive",
      language: "mt",
      timeZone: "Europe/Malta",
      sectionNames: { "US ELECTIONS": "US Elections" },
      boilerplate: ["Share this article:"],
      pageSize: 12,
    });
    expect(s).toMatchObject({
      title: "Island Herald Archive",
      language: "mt",
      timeZone: "Europe/Malta",
      sectionNames: { "US ELECTIONS": "US Elections" },
      boilerplate: ["Share this article:"],
      pageSize: 12,
      description: DEFAULT_SETTINGS.description,
    });
  });

  it("does not change the defaults for later calls", () => {
    resolveSettings({ title: "Other", pathPrefix: "news" });
    expect(resolveSettings({}).title).toBe("Broadsheet");
    expect(resolveSettings({}).pathPrefix).toBe("/");
  });
});

describe("resolveSettings normalises", () => {
  it.each([
    ["https://news.example.org/", "https://news.example.org"],
    ["https://news.example.org//", "https://news.example.org"],
    ["https://news.example.org", "https://news.example.org"],
  ])("the site URL %s without trailing slash", (url, expected) => {
    expect(resolveSettings({ url }).url).toBe(expected);
  });

  it.each([
    ["", "/"],
    ["/", "/"],
    ["archive", "/archive/"],
    ["/archive", "/archive/"],
    ["archive/", "/archive/"],
    ["/archive/", "/archive/"],
    ["//news/archive//", "/news/archive/"],
  ])("the path prefix %j as %j", (pathPrefix, expected) => {
    expect(resolveSettings({ pathPrefix }).pathPrefix).toBe(expected);
  });
});

describe("resolveSettings with the environment", () => {
  it("takes the articles folder from BROADSHEET_ARTICLES", () => {
    expect(resolveSettings({ articles: "stories" }, { BROADSHEET_ARTICLES: "/data/wire" }).articles).toBe("/data/wire");
  });

  it("ignores an empty BROADSHEET_ARTICLES", () => {
    expect(resolveSettings({ articles: "stories" }, { BROADSHEET_ARTICLES: "" }).articles).toBe("stories");
  });

  it("takes the path prefix from BROADSHEET_PATH_PREFIX, normalised", () => {
    expect(resolveSettings({ pathPrefix: "/archive/" }, { BROADSHEET_PATH_PREFIX: "preview" }).pathPrefix).toBe("/preview/");
  });

  it("leaves settings alone when the variables are not set", () => {
    const s = resolveSettings({ articles: "stories", pathPrefix: "archive" }, { HOME: "/root" });
    expect(s.articles).toBe("stories");
    expect(s.pathPrefix).toBe("/archive/");
  });
});

const FILE = "_data/site.json";

/** The lines a user would read for this file and environment; none when the settings are good. */
function problems(input: unknown, env: Environment = {}): readonly string[] {
  const result = validateSettings(input, env, FILE);
  return result.ok ? [] : result.problems;
}

describe("validateSettings on the file as a whole", () => {
  it.each([
    [null, "null"],
    [[], "[]"],
    ["Broadsheet", '"Broadsheet"'],
    [30, "30"],
  ])("refuses %j: settings are a JSON object", (input, shown) => {
    expect(problems(input)).toEqual([`_data/site.json: must be a JSON object (got ${shown})`]);
  });

  it("builds with the documented defaults where the file says nothing of description and language", () => {
    const result = validateSettings({ title: "Island Herald", url: "https://herald.example" }, {}, FILE);
    expect(result).toMatchObject({ ok: true, warnings: [] });
    if (!result.ok) return;
    expect(result.settings.title).toBe("Island Herald");
    expect(result.settings.description).toBe("A searchable archive of news articles.");
    expect(result.settings.language).toBe("en");
  });

  it("accepts the project's own settings file without a word", async () => {
    const text = await readFile(new URL("../../_data/site.json", import.meta.url), "utf8");
    const result = settingsFromText(text, {}, FILE);
    expect(result).toMatchObject({ ok: true, warnings: [] });
  });
});

describe("validateSettings on numbers", () => {
  it.each([
    ["pageSize", 0, "0"],
    ["pageSize", -5, "-5"],
    ["pageSize", 1.5, "1.5"],
    ["pagesPerRun", 0, "0"],
    ["pagesPerRun", -1, "-1"],
    ["searchShardSize", null, "null"],
  ])("refuses %s %j", (name, value, shown) => {
    expect(problems({ [name]: value })).toEqual([`_data/site.json: ${name}: must be a whole number ≥ 1 (got ${shown})`]);
  });

  it("refuses a number written as a string, and says to drop the quotes", () => {
    expect(problems({ pageSize: "30" })).toEqual(['_data/site.json: pageSize: must be a whole number ≥ 1 (got "30"; write 30 without quotes)']);
  });

  it("sets no upper bound: a huge page or run is the site's choice", () => {
    expect(problems({ pageSize: 1_000_000, pagesPerRun: 10_000_000, searchShardSize: 1_000_000 })).toEqual([]);
  });
});

describe("validateSettings on text settings", () => {
  it.each(["title", "description", "articles"])("refuses an empty or blank %s", (name) => {
    expect(problems({ [name]: "" })).toEqual([`_data/site.json: ${name}: must be a non-empty string (got "")`]);
    expect(problems({ [name]: "  " })).toEqual([`_data/site.json: ${name}: must be a non-empty string (got "  ")`]);
  });

  it("refuses a language tag that is not BCP 47, suggesting the dashed form of an underscored one", () => {
    expect(problems({ language: "en_US" })).toEqual(['_data/site.json: language: must be a BCP 47 language tag such as "en" or "pt-BR" (got "en_US"; did you mean "en-US"?)']);
    expect(problems({ language: "" })).toEqual(['_data/site.json: language: must be a BCP 47 language tag such as "en" or "pt-BR" (got "")']);
    expect(problems({ language: "en-" })).toEqual(['_data/site.json: language: must be a BCP 47 language tag such as "en" or "pt-BR" (got "en-")']);
  });

  it.each(["en", "mt", "pt-BR", "zh-Hant-TW"])("accepts the language %s", (language) => {
    expect(problems({ language })).toEqual([]);
  });

  it("refuses a time zone that is not an IANA zone", () => {
    expect(problems({ timeZone: "Mars/Olympus" })).toEqual(['_data/site.json: timeZone: must be an IANA time zone such as "UTC" or "Europe/Malta" (got "Mars/Olympus")']);
    expect(problems({ timeZone: "CEST+1" })).toEqual(['_data/site.json: timeZone: must be an IANA time zone such as "UTC" or "Europe/Malta" (got "CEST+1")']);
  });

  it.each(["UTC", "Europe/Malta", "America/Argentina/Buenos_Aires"])("accepts the time zone %s", (timeZone) => {
    expect(problems({ timeZone })).toEqual([]);
  });
});

describe("validateSettings on url and pathPrefix", () => {
  it.each([
    ["example.org", "must be an absolute http or https URL such as \"https://example.org\""],
    ["ftp://example.org", "must be an absolute http or https URL such as \"https://example.org\""],
    ["http:example.org", "must be an absolute http or https URL such as \"https://example.org\""],
    ["https://exa mple.org", "must be an absolute http or https URL such as \"https://example.org\""],
    ["https://example.org/?lang=en", "must not have a query or fragment"],
    ["https://example.org/#top", "must not have a query or fragment"],
  ])("refuses the url %j", (url, message) => {
    expect(problems({ url })).toEqual([`_data/site.json: url: ${message} (got ${JSON.stringify(url)})`]);
  });

  it("refuses a url with a path, which every canonical link would double or contradict, and points to pathPrefix", () => {
    expect(problems({ url: "https://example.org/news/" })).toEqual(['_data/site.json: url: must not have a path (got "https://example.org/news/"; put "/news/" in pathPrefix)']);
  });

  it.each(["http://localhost:8080", "https://news.example.org/", "https://example.org:8443"])("accepts the url %s", (url) => {
    expect(problems({ url })).toEqual([]);
  });

  it.each([
    ["../x", 'must not have a "." or ".." segment'],
    ["/archive/./2017/", 'must not have a "." or ".." segment'],
    ["a b/c", 'must have only letters, digits, "-", ".", "_" and "~" between its slashes'],
    ["/archive?x/", 'must have only letters, digits, "-", ".", "_" and "~" between its slashes'],
    ["/arch%C3%AFve/", 'must have only letters, digits, "-", ".", "_" and "~" between its slashes'],
    ["/news//archive/", 'must not have an empty segment ("//")'],
  ])("refuses the pathPrefix %j, which would break links", (pathPrefix, message) => {
    expect(problems({ pathPrefix })).toEqual([`_data/site.json: pathPrefix: ${message} (got ${JSON.stringify(pathPrefix)})`]);
  });

  it.each(["archive", "/archive", "/archive/", "/user.github.io/", "/news_2017/"])("accepts the pathPrefix %j", (pathPrefix) => {
    expect(problems({ pathPrefix })).toEqual([]);
  });
});

describe("validateSettings on sectionNames and boilerplate", () => {
  it("names each display name that is not a non-empty string", () => {
    expect(problems({ sectionNames: { "US ELECTIONS": "US Elections", WEATHER: "", SPORT: 3 } })).toEqual([
      '_data/site.json: sectionNames["WEATHER"]: must be a non-empty string (got "")',
      '_data/site.json: sectionNames["SPORT"]: must be a non-empty string (got 3)',
    ]);
  });

  it("refuses sectionNames that are not an object", () => {
    expect(problems({ sectionNames: ["US Elections"] })).toEqual([
      '_data/site.json: sectionNames: must be an object of display names by section, such as {"US ELECTIONS": "US Elections"} (got ["US Elections"])',
    ]);
  });

  it("names each boilerplate line that is not a string", () => {
    expect(problems({ boilerplate: ["Share this article:", 2, null] })).toEqual([
      "_data/site.json: boilerplate[1]: must be a string (got 2)",
      "_data/site.json: boilerplate[2]: must be a string (got null)",
    ]);
    expect(problems({ boilerplate: "Share this article:" })).toEqual(['_data/site.json: boilerplate: must be an array of strings (got "Share this article:")']);
  });
});

describe("validateSettings on unknown keys", () => {
  it("warns of a misspelt key, suggesting the setting meant, and builds on", () => {
    const result = validateSettings({ pageSzie: 10, TimeZone: "UTC" }, {}, FILE);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      "_data/site.json: warning: pageSzie: unknown setting (did you mean pageSize?)",
      "_data/site.json: warning: TimeZone: unknown setting (did you mean timeZone?)",
    ]);
    // The misspelt value is not taken for the setting.
    if (result.ok) expect(result.settings.pageSize).toBe(30);
  });

  it("suggests nothing for a key far from every setting", () => {
    expect(validateSettings({ author: "Desk" }, {}, FILE).warnings).toEqual(["_data/site.json: warning: author: unknown setting"]);
  });
});

describe("validateSettings on the environment", () => {
  it.each([
    ["BROADSHEET_PAGES_PER_RUN", "abc"],
    ["BROADSHEET_PAGES_PER_RUN", "0"],
    ["BROADSHEET_PAGES_PER_RUN", "1.5"],
    ["BROADSHEET_SEARCH_SHARD_SIZE", "-5"],
    ["BROADSHEET_SEARCH_SHARD_SIZE", "5k"],
  ])("refuses %s=%s instead of falling back to the default", (name, text) => {
    expect(problems({}, { [name]: text })).toEqual([`${name}: must be a whole number ≥ 1 (got ${JSON.stringify(text)})`]);
  });

  it("takes whole numbers from the environment over the file", () => {
    const s = resolveSettings({ pagesPerRun: 100 }, { BROADSHEET_PAGES_PER_RUN: "7", BROADSHEET_SEARCH_SHARD_SIZE: " 10 " });
    expect(s.pagesPerRun).toBe(7);
    expect(s.searchShardSize).toBe(10);
  });

  it("treats an empty variable as not set", () => {
    const s = resolveSettings({ url: "https://herald.example", pagesPerRun: 100 }, { BROADSHEET_URL: "", BROADSHEET_PAGES_PER_RUN: "" });
    expect(s.url).toBe("https://herald.example");
    expect(s.pagesPerRun).toBe(100);
  });

  it("switches topics off and on from BROADSHEET_TOPICS, and refuses anything but true or false", () => {
    for (const [text, topics] of [["false", false], ["0", false], [" FALSE ", false], ["true", true], ["1", true], ["", false]] as const) {
      expect(resolveSettings({ topics: false }, { BROADSHEET_TOPICS: text }).topics, text).toBe(topics);
    }
    expect(problems({}, { BROADSHEET_TOPICS: "off" })).toEqual(['BROADSHEET_TOPICS: must be true or false (got "off")']);
    expect(problems({}, { BROADSHEET_TOPICS: "constructor" })).toEqual(['BROADSHEET_TOPICS: must be true or false (got "constructor")']);
    expect(problems({ topics: "false" })).toEqual(['_data/site.json: topics: must be true or false (got "false"; write false without quotes)']);
  });

  it("refuses a bad BROADSHEET_URL or BROADSHEET_PATH_PREFIX by the variable's name", () => {
    expect(problems({}, { BROADSHEET_URL: "herald.example", BROADSHEET_PATH_PREFIX: "../preview" })).toEqual([
      'BROADSHEET_URL: must be an absolute http or https URL such as "https://example.org" (got "herald.example")',
      'BROADSHEET_PATH_PREFIX: must not have a "." or ".." segment (got "../preview")',
    ]);
  });
});

describe("validateSettings reports every problem at once", () => {
  it("lists each bad setting and variable, in one result", () => {
    expect(problems({ pageSize: 0, language: "en_GB!", timeZone: "Moon/Base", pathPrefix: "a b", pagesPerRun: -1 }, { BROADSHEET_SEARCH_SHARD_SIZE: "lots" })).toEqual([
      '_data/site.json: pathPrefix: must have only letters, digits, "-", ".", "_" and "~" between its slashes (got "a b")',
      '_data/site.json: language: must be a BCP 47 language tag such as "en" or "pt-BR" (got "en_GB!")',
      '_data/site.json: timeZone: must be an IANA time zone such as "UTC" or "Europe/Malta" (got "Moon/Base")',
      "_data/site.json: pageSize: must be a whole number ≥ 1 (got 0)",
      'BROADSHEET_SEARCH_SHARD_SIZE: must be a whole number ≥ 1 (got "lots")',
      "_data/site.json: pagesPerRun: must be a whole number ≥ 1 (got -1)",
    ]);
  });

  it("still checks the environment when the file is not an object", () => {
    expect(problems(null, { BROADSHEET_PAGES_PER_RUN: "abc" })).toEqual([
      "_data/site.json: must be a JSON object (got null)",
      'BROADSHEET_PAGES_PER_RUN: must be a whole number ≥ 1 (got "abc")',
    ]);
  });

  it("makes resolveSettings throw one error holding every problem, one a line", () => {
    expect(() => resolveSettings({ pageSize: 0, pagesPerRun: 0 })).toThrow(
      "_data/site.json: pageSize: must be a whole number ≥ 1 (got 0)\n_data/site.json: pagesPerRun: must be a whole number ≥ 1 (got 0)",
    );
  });
});

describe("settingsFromText", () => {
  const read = (text: string | null, env: Environment = {}) => {
    const result = settingsFromText(text, env, FILE);
    return result.ok ? [] : result.problems;
  };

  it("gives every default when there is no file", () => {
    const result = settingsFromText(null, {}, FILE);
    expect(result.ok && result.settings).toEqual(DEFAULT_SETTINGS);
  });

  // The reason is JSON.parse's own (V8's wording); the line is ours.
  it.each([
    ['{\n  "title": "Herald",\n}\n', 3, "property name"],
    ['{\n  "title": "Herald"\n  "pageSize": 10\n}\n', 3, "after property value"],
    ['{\n  // the masthead\n  "title": "Herald"\n}\n', 2, "property name"],
    ['{\n  "title": "Herald",\n  "pageSize": True\n}\n', 3, "unexpected token 'T'"],
    ['{\n  "title": "Herald",\n  "boilerplate": [\n    "Share",\n  ]\n}\n', 5, "unexpected token ']'"],
    ['{\n  "title": "Herald"\n\n', 2, "after property value"],
    ['{\n  "title": "Herald"\n}\n}\n', 4, "after JSON"],
    ['{"title": ', 1, "end of JSON input"],
  ])("locates invalid JSON %j on line %i", (text, line, reason) => {
    const [problem, ...rest] = read(text);
    expect(rest).toEqual([]);
    expect(problem).toMatch(new RegExp(`^_data/site\\.json:${line}: [a-z]`, "u"));
    expect(problem).toContain(reason);
    // One line, without JSON.parse's character offset or the file's text.
    expect(problem).not.toMatch(/position|\n|Herald/u);
  });

  it("says so of a byte order mark, which Eleventy's reading of the file would trip on too", () => {
    expect(read('\uFEFF{"title": "Herald"}')).toEqual(["_data/site.json:1: starts with a byte order mark: save it as UTF-8 without one"]);
  });

  it("reports the environment's problems with the file's", () => {
    expect(read('{"title": "Herald"', { BROADSHEET_PAGES_PER_RUN: "0" })).toEqual([
      "_data/site.json:1: expected ',' or '}' after property value",
      'BROADSHEET_PAGES_PER_RUN: must be a whole number ≥ 1 (got "0")',
    ]);
  });
});

describe("localAddressWarning", () => {
  it("warns of an address on this machine, which a published site's feeds and links would carry", () => {
    for (const url of ["http://localhost:8080", "http://127.0.0.1:8080", "http://[::1]:8080", "http://0.0.0.0", "http://site.localhost"]) {
      expect(localAddressWarning(url, "_data/site.json"), url).toMatch(/^_data\/site\.json: warning: url is .*, this machine: .*set "url" \(or BROADSHEET_URL\)/u);
    }
  });

  it("says nothing of a public address, nor of none", () => {
    for (const url of ["https://example.org", "https://localhost.example.org", "http://127.example.org", ""]) expect(localAddressWarning(url, "_data/site.json"), url).toBeNull();
  });
});
