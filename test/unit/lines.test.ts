import { describe, expect, it } from "vitest";
import { lineCount, textLines } from "../../src/article/lines.js";

describe("textLines", () => {
  it("splits on newlines and numbers lines from 1", () => {
    expect(textLines("date 2019-03-14 WORLD\nFerry delayed\nThe terminal opens in July.")).toEqual([
      { text: "date 2019-03-14 WORLD", number: 1 },
      { text: "Ferry delayed", number: 2 },
      { text: "The terminal opens in July.", number: 3 },
    ]);
  });

  it.each([
    ["Windows line endings", "one\r\ntwo\r\nthree\r\n"],
    ["lone carriage returns", "one\rtwo\rthree\r"],
    ["a mix of all three", "one\r\ntwo\rthree\n"],
  ])("accepts %s", (_name, text) => {
    expect(textLines(text)).toEqual([
      { text: "one", number: 1 },
      { text: "two", number: 2 },
      { text: "three", number: 3 },
    ]);
  });

  it("does not see a Windows line ending as two line breaks", () => {
    expect(textLines("one\r\n\r\ntwo")).toEqual([
      { text: "one", number: 1 },
      { text: "two", number: 3 },
    ]);
  });

  it("drops blank lines but keeps counting them", () => {
    expect(textLines("\n\none\n\n   \n\t\ntwo\n\n")).toEqual([
      { text: "one", number: 3 },
      { text: "two", number: 7 },
    ]);
  });

  it("ignores a UTF-8 byte-order mark without shifting line numbers", () => {
    expect(textLines("\uFEFFdate 2019-03-14 WORLD\nFerry delayed")).toEqual([
      { text: "date 2019-03-14 WORLD", number: 1 },
      { text: "Ferry delayed", number: 2 },
    ]);
  });

  it("trims leading and trailing spaces and tabs", () => {
    expect(textLines("  \t date 2019-03-14 WORLD \t\n\tFerry delayed   ")).toEqual([
      { text: "date 2019-03-14 WORLD", number: 1 },
      { text: "Ferry delayed", number: 2 },
    ]);
  });

  it("gives no lines for empty or blank text", () => {
    expect(textLines("")).toEqual([]);
    expect(textLines(" \n\t\r\n\r")).toEqual([]);
  });
});

describe("lineCount", () => {
  it.each([
    ["", 1],
    ["one", 1],
    ["one\n", 1],
    ["one\ntwo", 2],
    ["one\ntwo\n", 2],
    ["one\r\ntwo\r\n", 2],
    ["one\rtwo\rthree", 3],
    ["one\n\nthree\n", 3],
  ])("counts %j as %i lines", (text, count) => {
    expect(lineCount(text)).toBe(count);
  });
});
