import { describe, expect, it } from "vitest";
import { excerpt } from "../../src/search/excerpt.js";
import { dayOf, daysWithin, overlaps, type Period } from "../../src/searchPage/periods.js";

describe("a result's excerpt", () => {
  const lead = "IMPERIAL OIL RAISES CRUDE PRICES NEW YORK, June 18 -";
  const body = "Imperial Oil said it raised the posted prices for crude oil by 50 cts a barrel, effective today.";
  const content = `${lead} ${body}`;
  const leadWords = lead.split(" ").length;

  it("starts past the headline and dateline, and marks the words found", () => {
    // Pagefind's locations: words 1 ("OIL") and 4 ("PRICES") of the headline, and in the body.
    const at = (word: number) => ({ location: word, score: 1 });
    const parts = excerpt(content, [at(1), at(4), at(leadWords + 1), at(leadWords + 7), at(leadWords + 10)], leadWords);
    const text = parts.map((p) => p.text).join("");
    expect(text.startsWith("Imperial Oil said")).toBe(true);
    expect(text).not.toContain("NEW YORK");
    expect(parts.filter((p) => p.marked).map((p) => p.text)).toEqual(["Oil", "prices", "oil"]);
  });

  it("shows the start of the body when the words were found in the headline only", () => {
    const text = excerpt(content, [{ location: 0, score: 1 }], leadWords).map((p) => p.text).join("");
    expect(text.startsWith("Imperial Oil said")).toBe(true);
  });

  it("ends with an ellipsis where the body goes on", () => {
    const long = `${lead} ${"word ".repeat(80).trim()}`;
    const parts = excerpt(long, [], leadWords, 30);
    expect(parts.map((p) => p.text).join("").split(" ").filter((w) => w === "word").length).toBe(30);
    expect(parts.at(-1)!.text).toBe(" …");
  });
});

describe("a date range", () => {
  const period: Period = { bundle: "/pagefind-1987/", number: 0, years: ["1987"], from: "1987-02-26", to: "1987-04-30" };

  it("reads a month as its first or last day, and a day as it is", () => {
    expect(dayOf("1987-03", "from")).toBe("1987-03-01");
    expect(dayOf("1987-02", "to")).toBe("1987-02-28");
    expect(dayOf("1988-02", "to")).toBe("1988-02-29");
    expect(dayOf("1987-04-15", "to")).toBe("1987-04-15");
    expect(dayOf(" ", "from")).toBeNull();
  });

  it("refuses what is not a real month or day", () => {
    expect(dayOf("1987-02-30", "from")).toBeUndefined();
    expect(dayOf("1987-13", "to")).toBeUndefined();
    expect(dayOf("March 1987", "from")).toBeUndefined();
  });

  it("opens a period it touches, and filters a period it cuts to the days inside", () => {
    expect(overlaps(period, { from: "1987-04-30", to: null })).toBe(true);
    expect(overlaps(period, { from: "1987-05-01", to: null })).toBe(false);
    expect(overlaps(period, { from: null, to: "1987-02-25" })).toBe(false);
    expect(daysWithin(period, { from: "1987-01-01", to: "1987-12-31" })).toBeNull();
    expect(daysWithin(period, { from: "1987-04-28", to: null })).toEqual(["1987-04-28", "1987-04-29", "1987-04-30"]);
  });
});
