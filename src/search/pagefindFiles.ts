/**
 * What Pagefind 1.6 writes into a bundle, read back: its pages and, for every word it indexed,
 * the pages holding it. These are the words exactly as Pagefind split, normalised and stemmed
 * them, so a directory made from them can never disagree with Pagefind about what a period holds.
 *
 * Files are gzip, then the 12-byte signature `pagefind_dcd`, then CBOR (pagefind/src/index/
 * index_metadata.rs, index_words.rs). The caller decompresses; this module only decodes.
 */
import { decode } from "cbor2";

const SIGNATURE = "pagefind_dcd";

export interface BundleMeta {
  /** Pagefind's meta fields in its own order (title, date, section ...): its index words carry their number. */
  readonly fields: readonly string[];
  /** Pagefind's pages in its own order: a page's number is its place here. */
  readonly pages: readonly { readonly hash: string; readonly wordCount: number }[];
  /** Index chunk files, each holding the words from `from` to `to`. */
  readonly chunks: readonly { readonly from: string; readonly to: string; readonly hash: string }[];
}

function payload(bytes: Uint8Array, what: string): unknown {
  const signature = new TextDecoder().decode(bytes.subarray(0, SIGNATURE.length));
  if (signature !== SIGNATURE) throw new Error(`${what}: not a Pagefind file (no "${SIGNATURE}" signature)`);
  return decode(bytes.subarray(SIGNATURE.length));
}

/** A decompressed `pagefind.<hash>.pf_meta`. */
export function decodeMeta(bytes: Uint8Array): BundleMeta {
  const meta = payload(bytes, "pf_meta") as [string, [string, number, unknown][], [string, string, string][], unknown, unknown, string[]];
  return {
    fields: meta[5] ?? [],
    pages: meta[1].map(([hash, wordCount]) => ({ hash, wordCount })),
    chunks: meta[2].map(([from, to, hash]) => ({ from, to, hash })),
  };
}

export interface ChunkWord {
  readonly word: string;
  /** The pages holding it anywhere, ascending. */
  readonly pages: readonly number[];
  /** Those holding it in the meta field numbered `field` (the headline, for one). */
  readonly inField: readonly number[];
}

/**
 * A decompressed `index/<hash>.pf_index`: each word with the numbers of the pages holding it, and
 * of those holding it in meta field number `field` (BundleMeta.fields; -1 for none). Read with
 * a reader of its own that steps over word positions instead of building them: a general CBOR
 * decoder took 0.8 s for a 4,700-article period, most of a rebuild's reading of its words.
 */
export function decodeChunk(bytes: Uint8Array, field = -1): ChunkWord[] {
  const signature = new TextDecoder().decode(bytes.subarray(0, SIGNATURE.length));
  if (signature !== SIGNATURE) throw new Error(`pf_index: not a Pagefind file (no "${SIGNATURE}" signature)`);
  const cbor = new CborReader(bytes, SIGNATURE.length);
  // In a page's meta locations, a field's positions follow the marker -(its number + 1).
  const marker = -(field + 1);
  if (cbor.arrayLength() < 1) throw new Error("pf_index: no words");
  const words: ChunkWord[] = [];
  for (let w = cbor.arrayLength(); w > 0; w--) {
    const entry = cbor.arrayLength();
    const word = cbor.text();
    const pages: number[] = [];
    const inField: number[] = [];
    let page = 0;
    // Page numbers are stored as differences from the previous one.
    for (let p = cbor.arrayLength(); p > 0; p--) {
      const items = cbor.arrayLength();
      page += cbor.integer();
      pages.push(page);
      if (items > 1) cbor.skip();
      if (items > 2) {
        let held = false;
        for (let m = cbor.arrayLength(); m > 0; m--) if (cbor.integer() === marker) held = true;
        if (held && field >= 0) inField.push(page);
      }
      for (let rest = items - 3; rest > 0; rest--) cbor.skip();
    }
    for (let rest = entry - 2; rest > 0; rest--) cbor.skip();
    words.push({ word, pages, inField });
  }
  return words;
}

/** Just enough CBOR (RFC 8949) for Pagefind's index chunks: definite lengths, integers, strings, arrays. */
class CborReader {
  private readonly text8 = new TextDecoder();
  constructor(
    private readonly bytes: Uint8Array,
    private at: number,
  ) {}

  /** The next item's major type and argument. */
  private head(): [major: number, argument: number] {
    const first = this.bytes[this.at++];
    if (first === undefined) throw new Error("pf_index: cut short");
    const major = first >> 5;
    const info = first & 31;
    if (info < 24) return [major, info];
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0) throw new Error(`pf_index: unexpected CBOR item ${first}`);
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + this.bytes[this.at++]!;
    return [major, value];
  }

  arrayLength(): number {
    const [major, length] = this.head();
    if (major !== 4) throw new Error(`pf_index: expected an array, found CBOR type ${major}`);
    return length;
  }

  integer(): number {
    const [major, value] = this.head();
    if (major === 0) return value;
    if (major === 1) return -1 - value;
    throw new Error(`pf_index: expected an integer, found CBOR type ${major}`);
  }

  text(): string {
    const [major, length] = this.head();
    if (major !== 3) throw new Error(`pf_index: expected text, found CBOR type ${major}`);
    const text = this.text8.decode(this.bytes.subarray(this.at, this.at + length));
    this.at += length;
    return text;
  }

  /** Steps over one item, whatever it holds. */
  skip(): void {
    const [major, argument] = this.head();
    if (major === 2 || major === 3) this.at += argument;
    else if (major === 4) for (let i = 0; i < argument; i++) this.skip();
    else if (major === 5) for (let i = 0; i < 2 * argument; i++) this.skip();
    else if (major === 6) this.skip();
  }
}
