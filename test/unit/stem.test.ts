import { describe, expect, it } from "vitest";
import { stem } from "../../src/search/stem.js";

// Expected values: Snowball's published English vocabulary and its stems (snowball-data,
// english/voc.txt and output.txt, commit ba91f32), which Pagefind 1.6.0 agreed with in
// bench/stemCheck.ts; and, for the characters where Rust and JavaScript differ, Pagefind's own
// `search_keywords` in chromium.

describe("stem, Snowball English as Pagefind 1.6 applies it", () => {
  it("takes suffixes off", () => {
    expect(stem("generously")).toBe("generous");
    expect(stem("caresses")).toBe("caress");
    expect(stem("cats")).toBe("cat");
    expect(stem("hopping")).toBe("hop");
    expect(stem("hoping")).toBe("hope");
    expect(stem("consignment")).toBe("consign");
    expect(stem("conditional")).toBe("condit");
    expect(stem("communication")).toBe("communic");
    expect(stem("university")).toBe("universiti");
  });

  it("stems as Snowball 3.1 does, not as the older porter2 of npm's ports", () => {
    // Snowball 3 takes "inter", "organ", "emerg"… as a whole first syllable: older ports give "intern".
    expect(stem("international")).toBe("internat");
    expect(stem("organization")).toBe("organiz");
    expect(stem("emergency")).toBe("emergenc");
    expect(stem("geologist")).toBe("geolog");
    expect(stem("pasted")).toBe("paste");
  });

  it("keeps Snowball's exceptions", () => {
    expect(stem("news")).toBe("news");
    expect(stem("skies")).toBe("sky");
    expect(stem("dying")).toBe("die");
    expect(stem("lying")).toBe("lie");
    expect(stem("early")).toBe("earli");
    expect(stem("only")).toBe("onli");
    expect(stem("innings")).toBe("inning");
    expect(stem("earring")).toBe("earring");
    expect(stem("proceeding")).toBe("proceed");
    expect(stem("succeeded")).toBe("succeed");
    expect(stem("atlas")).toBe("atlas");
    expect(stem("communism")).toBe("communism");
  });

  it("takes a possessive apostrophe off", () => {
    expect(stem("there's")).toBe("there");
    expect(stem("'s")).toBe("'s");
  });

  it("leaves short words and words of no Latin letters alone", () => {
    expect(stem("")).toBe("");
    expect(stem("us")).toBe("us");
    expect(stem("£33bn")).toBe("£33bn");
    expect(stem("москва")).toBe("москва");
  });

  it("counts an emoji as one character, as Pagefind's Rust does", () => {
    expect(stem("😀ies")).toBe("😀ie");
    expect(stem("😀y")).toBe("😀y");
    expect(stem("😀😀ies")).toBe("😀😀i");
    expect(stem("👍🏽s")).toBe("👍🏽s");
  });
});
