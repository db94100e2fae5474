/**
 * A result's excerpt: the thirty words of the article's body where the query's words are
 * densest, with those words marked. Pagefind's own excerpt starts at the page's text, which for an
 * article is its headline and dateline ("IMPERIAL OIL <IMO.A> RAISES CRUDE … NEW YORK, June 18"):
 * the reader has the headline already, so the excerpt starts past the article's lead.
 * Words are Pagefind's: its fragment text split as it splits it, numbered as its locations are.
 */

/** Pagefind's word separator (pagefind_web_js, excerpt.ts). */
const WORD_SEPARATORS = /[^\S\uFEFF]+/gu;

export interface ExcerptPart {
  readonly text: string;
  readonly marked: boolean;
}

/**
 * `content`: the page's text as Pagefind stores it; `locations`: the numbers of its matched words
 * with their weight; `lead`: how many words open the text before the body (headline, standfirst,
 * dateline). Parts to show in order, words joined by single spaces.
 */
export function excerpt(content: string, locations: readonly { readonly location: number; readonly score: number }[], lead: number, length = 30): ExcerptPart[] {
  const words = content.split(WORD_SEPARATORS).filter((w, i, all) => w !== "" || (i > 0 && i < all.length - 1));
  const from = words.length - lead >= 1 ? lead : 0;
  const weight = new Map<number, number>();
  for (const { location, score } of locations) if (location >= from) weight.set(location, (weight.get(location) ?? 0) + score);
  // The densest window of `length` words from `from` on; the earliest of equals.
  let best = from;
  let bestSum = -1;
  let sum = 0;
  for (let i = from; i < Math.min(words.length, from + length); i++) sum += weight.get(i) ?? 0;
  for (let start = from; start <= Math.max(from, words.length - length); start++) {
    if (sum > bestSum) {
      bestSum = sum;
      best = start;
    }
    sum += (weight.get(start + length) ?? 0) - (weight.get(start) ?? 0);
  }
  const parts: ExcerptPart[] = [];
  const end = Math.min(words.length, best + length);
  for (let i = best; i < end; i++) {
    const marked = weight.has(i);
    const text = (i > best ? " " : "") + words[i];
    const last = parts.at(-1);
    if (last && last.marked === marked && !marked) parts[parts.length - 1] = { text: last.text + text, marked };
    else if (marked && i > best) parts.push({ text: " ", marked: false }, { text: words[i]!, marked: true });
    else parts.push({ text: marked ? words[i]! : text, marked });
  }
  if (end < words.length) parts.push({ text: " …", marked: false });
  return parts.filter((p) => p.text !== "");
}
