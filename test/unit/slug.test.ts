import { describe, expect, it } from "vitest";
import { slug } from "../../src/slug.js";

describe("slug of Latin text", () => {
  it("lower-cases words and joins them with hyphens", () => {
    expect(slug("Tillerson and Lavrov meet in Moscow as US blasts Russia about Syria")).toBe(
      "tillerson-and-lavrov-meet-in-moscow-as-us-blasts-russia-about-syria",
    );
  });

  it("drops punctuation and collapses runs of separators", () => {
    expect(slug("  Oil -- prices  rise again!! ")).toBe("oil-prices-rise-again");
  });

  it("transliterates Turkish letters", () => {
    expect(slug("Erdoğan wins referendum on new powers")).toBe("erdogan-wins-referendum-on-new-powers");
  });

  it("transliterates French accents", () => {
    expect(slug("Élysée confirms summit date")).toBe("elysee-confirms-summit-date");
  });

  it("keeps ticker symbols readable and URL-safe", () => {
    const s = slug("Sudan Resources <SRD> wins appeal");
    expect(s).not.toMatch(/[<>]/);
    expect(s).toContain("srd");
    expect(s).toMatch(/^sudan-resources-/);
  });
});

describe("slug of other scripts", () => {
  it("transliterates Cyrillic", () => {
    expect(slug("Москва")).toBe("moskva");
  });

  it("transliterates a Cyrillic headline into ASCII words", () => {
    const s = slug("Путин встретился с Тиллерсоном в Москве");
    expect(s).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(s).toMatch(/^putin-/);
  });

  it("keeps Chinese as letters", () => {
    expect(slug("中国经济增长放缓")).toBe("中国经济增长放缓");
  });

  it("keeps Japanese as letters", () => {
    expect(slug("東京株式市場が反発")).toBe("東京株式市場が反発");
  });

  it("joins Chinese words separated by spaces with hyphens", () => {
    expect(slug("中国 经济")).toBe("中国-经济");
  });

  it("keeps the Chinese part of a headline that mixes scripts", () => {
    const s = slug("Toyota 东京 plant reopens");
    expect(s).toContain("toyota");
    expect(s).toContain("东京");
    expect(s).toContain("reopens");
  });

  it("tells apart two headlines that differ only in their Chinese words", () => {
    expect(slug("Xinhua: 上海 markets rally")).not.toBe(slug("Xinhua: 北京 markets rally"));
  });
});

describe("slug is never empty", () => {
  it.each(["", "   ", "!!! ???", "— – -", "🔥🔥"])("falls back to untitled for %j", (text) => {
    expect(slug(text)).toBe("untitled");
  });

  it("uses the fallback it is given", () => {
    expect(slug("***", "section")).toBe("section");
  });

  it("keeps digits as a slug", () => {
    expect(slug("2019")).toBe("2019");
  });
});

describe("slug length", () => {
  it("cuts a long headline at a word boundary, at most 80 characters", () => {
    const headline =
      "Government unveils sweeping plan to rebuild harbours ferry terminals roads bridges and schools across the islands over the next decade";
    expect(slug(headline)).toBe("government-unveils-sweeping-plan-to-rebuild-harbours-ferry-terminals-roads");
  });

  it("never ends with a hyphen after cutting", () => {
    const headline = "Minister says talks on the new harbour ferry terminal and coastal road will resume after the long summer recess";
    const s = slug(headline);
    expect(s.length).toBeLessThanOrEqual(80);
    expect(s).not.toMatch(/-$/);
    // Every word kept is a whole word of the headline.
    const words = headline.toLowerCase().split(" ");
    expect(s.split("-").every((w) => words.includes(w))).toBe(true);
  });

  it("keeps a slug of exactly 80 characters whole", () => {
    const text = `${"x".repeat(39)} ${"y".repeat(40)}`;
    expect(slug(text)).toBe(`${"x".repeat(39)}-${"y".repeat(40)}`);
  });

  it("cuts long non-Latin text to at most 80 characters", () => {
    const s = slug("经济".repeat(30) + " " + "增长".repeat(30));
    expect(s.length).toBeGreaterThan(0);
    expect(s.length).toBeLessThanOrEqual(80);
  });
});
