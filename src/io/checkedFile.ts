import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { writeAtomically } from "./writeAtomically.js";

/**
 * Cache files that carry their own checksum: a first line `sha1:<hex>` of the rest. A cache is
 * only worth its speed if a damaged one is noticed (a disk error, a stray edit, a copy cut short):
 * a parse cache or related index that reads as valid but holds other bytes would put wrong pages
 * in the site without a word. Hashing costs some 30 ms for the largest (tens of MB at 100,000
 * articles), against seconds of rebuilding on a damaged one.
 */
const PREFIX = "sha1:";
const HEADER_LENGTH = PREFIX.length + 40 + 1;

const sha1 = (bytes: Uint8Array): string => createHash("sha1").update(bytes).digest("hex");

export async function writeChecked(file: string, content: string | Uint8Array): Promise<void> {
  const body = typeof content === "string" ? Buffer.from(content) : content;
  await writeAtomically(file, Buffer.concat([Buffer.from(`${PREFIX}${sha1(body)}\n`), body]));
}

/** The content of a checked file, or null if it is missing, unreadable or not what was written. */
export async function readChecked(file: string): Promise<Buffer | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return null;
  }
  const header = bytes.subarray(0, HEADER_LENGTH).toString("latin1");
  const body = bytes.subarray(HEADER_LENGTH);
  return header === `${PREFIX}${sha1(body)}\n` ? body : null;
}
