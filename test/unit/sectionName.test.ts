import { describe, expect, it } from "vitest";
import { sectionName } from "../../src/archive/sectionName.js";

describe("sectionName", () => {
  it.each([
    ["SYRIAN CONFLICT", "Syrian Conflict"],
    ["MERGERS AND ACQUISITIONS", "Mergers and Acquisitions"],
    ["WORLD", "World"],
    ["BANKING AND FINANCE", "Banking and Finance"],
    ["BUSINESS OF THE WEEK", "Business of the Week"],
  ])("title-cases %s as %s", (raw, name) => {
    expect(sectionName(raw)).toBe(name);
  });

  it.each([
    ["US DOLLAR", "US Dollar"],
    ["EU SUMMIT", "EU Summit"],
    ["NATO AND THE UN", "NATO and the UN"],
    ["U.S. ECONOMY", "U.S. Economy"],
    ["G20 MEETING", "G20 Meeting"],
    ["GDP FIGURES", "GDP Figures"],
    ["STG", "STG"],
    ["OPEC OIL OUTPUT", "OPEC Oil Output"],
  ])("keeps initialisms as written: %s as %s", (raw, name) => {
    expect(sectionName(raw)).toBe(name);
  });

  it("does not take a short word for an initialism", () => {
    expect(sectionName("TEA")).toBe("Tea");
    expect(sectionName("ON THE RECORD")).toBe("On the Record");
    expect(sectionName("MY CITY")).toBe("My City");
  });

  it("capitalises a small word when it opens the name", () => {
    expect(sectionName("THE AMERICAS")).toBe("The Americas");
  });

  it("title-cases each part of a hyphenated word", () => {
    expect(sectionName("ASIA-PACIFIC")).toBe("Asia-Pacific");
  });

  it("uses an override from the site's settings", () => {
    expect(sectionName("US ELECTIONS", { "US ELECTIONS": "US Elections" })).toBe("US Elections");
  });

  it("prefers the override to its own title case", () => {
    expect(sectionName("MERGERS AND ACQUISITIONS", { "MERGERS AND ACQUISITIONS": "M&A" })).toBe("M&A");
  });

  it("ignores overrides for other sections", () => {
    expect(sectionName("SYRIAN CONFLICT", { "US ELECTIONS": "US Elections" })).toBe("Syrian Conflict");
  });
});
