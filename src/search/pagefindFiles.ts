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
 * of those holding it in meta field number `field` (BundleMeta.fields; -1 for none).
 */
export function decodeChunk(bytes: Uint8Array, field = -1): ChunkWord[] {
  const [words] = payload(bytes, "pf_index") as [[string, [number, unknown, number[]][]][]];
  // In a page's meta locations, a field's positions follow the marker -(its number + 1).
  const marker = -(field + 1);
  return words.map(([word, postings]) => {
    // Page numbers are stored as differences from the previous one.
    let page = 0;
    const pages: number[] = [];
    const inField: number[] = [];
    for (const [delta, , metaLocations] of postings) {
      pages.push((page += delta));
      if (field >= 0 && metaLocations?.includes(marker)) inField.push(page);
    }
    return { word, pages, inField };
  });
}
