export type Decoded =
  | { readonly ok: true; readonly text: string; readonly encoding: "utf-8" | "windows-1252" }
  | { readonly ok: false; readonly line: number; readonly message: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });
const windows1252 = new TextDecoder("windows-1252");

/**
 * Turns a file's bytes into text. Valid UTF-8 is read as such (a byte-order mark is left for the
 * parser to drop); anything else is read as Windows-1252, the encoding of most old scrapes, so
 * `0x93`/`0x94` quotes and `0xA3` pound signs survive. A NUL byte means binary content: an error.
 */
export function decodeArticle(bytes: Uint8Array): Decoded {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    let line = 1;
    for (let i = 0; i < nul; i++) if (bytes[i] === 0x0a) line++;
    return { ok: false, line, message: "binary content (NUL byte): not a text file" };
  }
  try {
    return { ok: true, text: utf8.decode(bytes), encoding: "utf-8" };
  } catch {
    return { ok: true, text: windows1252.decode(bytes), encoding: "windows-1252" };
  }
}
