import { describe, expect, it } from "vitest";
import { decodeArticle } from "../../src/article/decode.js";
import { parseArticle } from "../../src/article/parse.js";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
/** Bytes from ASCII text and raw byte values, in order. */
const bytes = (...parts: (string | number)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "number" ? [p] : [...utf8(p)])));

describe("decodeArticle with valid UTF-8", () => {
  it("reads plain ASCII as UTF-8", () => {
    expect(decodeArticle(utf8("date 2019-03-14 WORLD\nFerry delayed\n"))).toEqual({
      ok: true,
      text: "date 2019-03-14 WORLD\nFerry delayed\n",
      encoding: "utf-8",
    });
  });

  it("reads accents, dashes, curly quotes and other scripts as written", () => {
    const text = "Erdoğan — “Москва” said £5 to 中国 and São Paulo’s mayor";
    expect(decodeArticle(utf8(text))).toEqual({ ok: true, text, encoding: "utf-8" });
  });

  it("reads an empty file as empty text", () => {
    expect(decodeArticle(new Uint8Array())).toEqual({ ok: true, text: "", encoding: "utf-8" });
  });

  it("gives text the parser reads when the file opens with a byte-order mark", () => {
    const decoded = decodeArticle(bytes(0xef, 0xbb, 0xbf, "date 2019-03-14 WORLD\nFerry delayed\nThe terminal opens in July.\n"));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.encoding).toBe("utf-8");
    const parsed = parseArticle(decoded.text, "bom.txt");
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.article.sectionRaw).toBe("WORLD");
  });
});

describe("decodeArticle with invalid UTF-8", () => {
  it("reads 0x93 and 0x94 as curly double quotes", () => {
    expect(decodeArticle(bytes(0x93, "We will rebuild", 0x94, ", he said."))).toEqual({
      ok: true,
      text: "“We will rebuild”, he said.",
      encoding: "windows-1252",
    });
  });

  it("reads 0xA3 as a pound sign", () => {
    const decoded = decodeArticle(bytes("The bill rose to ", 0xa3, "4.2 billion."));
    expect(decoded).toEqual({ ok: true, text: "The bill rose to £4.2 billion.", encoding: "windows-1252" });
  });

  it("reads other Windows-1252 letters and punctuation", () => {
    // 0x92 right single quote, 0x96 en dash, 0xE9 e acute.
    const decoded = decodeArticle(bytes("Caf", 0xe9, " owner", 0x92, "s view ", 0x96, " mixed"));
    expect(decoded).toEqual({ ok: true, text: "Café owner’s view – mixed", encoding: "windows-1252" });
  });

  it("reads the whole file as Windows-1252, keeping line breaks", () => {
    const decoded = decodeArticle(bytes("date 1987-03-02 EARNINGS\r\nDividend ", 0xa3, "1\r\n"));
    expect(decoded).toEqual({ ok: true, text: "date 1987-03-02 EARNINGS\r\nDividend £1\r\n", encoding: "windows-1252" });
  });

  it("gives text the parser reads when a byte-order mark opens a file with a stray Windows-1252 byte", () => {
    const decoded = decodeArticle(
      bytes(0xef, 0xbb, 0xbf, "date 2019-03-14 WORLD\nFerry delayed\n", 0x93, "Soon", 0x94, ", the minister said of the terminal.\n"),
    );
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const parsed = parseArticle(decoded.text, "mixed.txt");
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.article.date).toBe("2019-03-14");
      expect(parsed.article.body[0]!.text).toBe("“Soon”, the minister said of the terminal.");
    }
  });
});

describe("decodeArticle with a NUL byte", () => {
  it("is an error on line 1 when the NUL is on the first line", () => {
    const decoded = decodeArticle(bytes("date", 0, " 2019-03-14 WORLD\n"));
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.line).toBe(1);
      expect(decoded.message).not.toBe("");
    }
  });

  it("gives the line of the NUL byte", () => {
    expect(decodeArticle(bytes("date 2019-03-14 WORLD\nFerry delayed\nThe ", 0, "terminal\n"))).toMatchObject({ ok: false, line: 3 });
  });

  it("counts Windows line endings once each", () => {
    expect(decodeArticle(bytes("one\r\ntwo\r\n\r\nfour", 0))).toMatchObject({ ok: false, line: 4 });
  });

  it("counts lone carriage returns as line breaks", () => {
    expect(decodeArticle(bytes("one\rtwo\rthree ", 0))).toMatchObject({ ok: false, line: 3 });
  });

  it("is an error even when the rest would be Windows-1252", () => {
    expect(decodeArticle(bytes(0x93, "quote", 0x94, "\n", 0))).toMatchObject({ ok: false, line: 2 });
  });

  it("is an error for UTF-16 text, whose ASCII letters carry NUL bytes", () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, ..."date".split("").flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeArticle(utf16).ok).toBe(false);
  });
});
