import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeArticle } from "../../src/article/decode.js";
import { parseArticle } from "../../src/article/parse.js";
import { readBytes } from "../../src/io/readArchive.js";

/** Lines that look like the format, so the fuzzer reaches deep into the parser, not only the header check. */
const line = fc.oneof(
  fc.string(),
  fc.constantFrom(" date 2017-04-12 SYRIAN CONFLICT", "date 2017-02-30 X", "date", "Chemical attack", "Bloomberg", "Please login or register to comment.", "", "   ", "\t"),
  fc.string().map((s) => `Moscow — ${s}`),
  fc.string().map((s) => `TOKYO, March 2 - ${s}`),
  fc.string({ unit: "grapheme" }),
);
const articleLike = fc.tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom("\n", "\r\n", "\r")).map(([lines, nl]) => lines.join(nl));

/** The parser's contract: an article, or problems that each name this file and a real line. */
function assertContract(text: string, result: ReturnType<typeof parseArticle>): void {
  if (result.ok) {
    expect(result.article.headline.trim()).not.toBe("");
    expect(result.article.body.length).toBeGreaterThan(0);
    expect(result.article.date).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
  } else {
    expect(result.problems.length).toBeGreaterThan(0);
    const lines = text.split(/\r\n|\r|\n/u).length;
    for (const p of result.problems) {
      expect(p.file).toBe("fuzz.txt");
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.line).toBeLessThanOrEqual(Math.max(lines, 1));
      expect(p.message).not.toBe("");
    }
  }
}

describe("the parser under arbitrary input", () => {
  it("returns an article or located errors for any text, never throwing", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), articleLike), (text) => {
        assertContract(text, parseArticle(text, "fuzz.txt"));
      }),
      { numRuns: 3000 },
    );
  });

  it("returns an article or located errors for any bytes, never throwing", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const outcome = readBytes(bytes, "fuzz.txt");
        if (outcome.article === null) {
          expect(outcome.problems.some((p) => p.severity === "error" && p.line >= 1)).toBe(true);
        }
        const decoded = decodeArticle(bytes);
        if (decoded.ok) assertContract(decoded.text, parseArticle(decoded.text, "fuzz.txt"));
      }),
      { numRuns: 2000 },
    );
  });

  it("finishes on adversarial lines built to make regular expressions backtrack", () => {
    fc.assert(
      fc.property(fc.constantFrom("A ", "A, ", "A. ", "- ", " -", "—", ", "), fc.integer({ min: 1000, max: 20000 }), (unit, n) => {
        const text = ` date 2017-04-12 SECTION\nHeadline\n${unit.repeat(n)}x\n${unit.repeat(n)}`;
        const started = performance.now();
        parseArticle(text, "fuzz.txt");
        // Generous: a linear parse takes milliseconds; exponential backtracking would take forever.
        expect(performance.now() - started).toBeLessThan(2000);
      }),
      { numRuns: 40 },
    );
  });
});
