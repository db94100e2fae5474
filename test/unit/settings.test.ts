import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, resolveSettings } from "../../src/settings.js";

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
      articles: "articles",
      pageSize: 30,
      searchShardSize: 5_000,
      pagesPerRun: 5_000,
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
