export type Decoded =
  | { readonly ok: true; readonly text: string; readonly encoding: "utf-8" | "windows-1252" }
  | { readonly ok: false; readonly line: number; readonly message: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });
const latin1 = new TextDecoder("latin1");

/**
 * Windows-1252's bytes 0x80–0x9F (curly quotes, dashes, €, …). Node's TextDecoder reads
 * "windows-1252" as Latin-1 on some versions (nodejs/node#56542), turning these into control
 * characters, so the table is ours. Undefined bytes keep their Latin-1 code point.
 */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  return latin1.decode(bytes).replace(/[\u0080-\u009f]/gu, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** 1-based line of a byte offset, counting `\n`, `\r\n` and lone `\r` as the parser does. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}

/**
 * Turns a file's bytes into text. Valid UTF-8 is read as such (a byte-order mark is left for the
 * parser to drop); anything else is read as Windows-1252, the encoding of most old scrapes, so
 * `0x93`/`0x94` quotes and `0xA3` pound signs survive. A NUL byte means binary content: an error.
 */
export function decodeArticle(bytes: Uint8Array): Decoded {
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, line: lineAt(bytes, nul), message: "binary content (NUL byte): not a text file" };
  try {
    return { ok: true, text: utf8.decode(bytes), encoding: "utf-8" };
  } catch {
    // A byte-order mark says UTF-8 was meant; it is no part of the Windows-1252 text.
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { ok: true, text: decodeWindows1252(bom ? bytes.subarray(3) : bytes), encoding: "windows-1252" };
  }
}
