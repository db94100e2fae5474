import type { Article } from "./article.js";

/** How many related articles an article page lists. */
export const RELATED_COUNT = 5;
/** Words of body text looked at after the headline and standfirst: the lead says what a story is about. */
const LEAD_WORDS = 80;
/** Terms per article used to find its relatives: the rarest it has. */
const KEY_TERMS = 12;

const STOPWORDS = new Set(
  "the and for that with from this have has had was were are been will would said says say its their they them than then there what when which who whom whose into over under after before about also more most some such only other could should may might can not but his her him she our out new one two three year years week last first per pct mln dlrs cts vs inc corp ltd company".split(" "),
);

/** The first LEAD_WORDS words of the body, scanning no further than they go. */
function lead(a: Article): string {
  const words: string[] = [];
  for (const block of a.body) {
    const word = /\S+/gu;
    for (let m = word.exec(block.text); m !== null && words.length < LEAD_WORDS; m = word.exec(block.text)) words.push(m[0]);
    if (words.length >= LEAD_WORDS) break;
  }
  return words.join(" ");
}

function terms(a: Article): string[] {
  const text = `${a.headline} ${a.standfirst ?? ""} ${lead(a)}`.toLowerCase();
  const words = text.match(/\p{L}[\p{L}\p{M}'’-]{2,}/gu) ?? [];
  return [...new Set(words.filter((w) => !STOPWORDS.has(w)))];
}

/**
 * For each article (by index), the indices of up to RELATED_COUNT others that share its rarest
 * words, scored by the sum of the shared words' inverse document frequency: ranking from the
 * archive itself, with no service. Terms found in too many articles say nothing and are skipped,
 * which also bounds the work at 100,000 articles.
 */
export function relatedArticles(articles: readonly Article[]): number[][] {
  const n = articles.length;
  const termIds = new Map<string, number>();
  const docTerms: number[][] = articles.map((a) =>
    terms(a).map((t) => {
      let id = termIds.get(t);
      if (id === undefined) termIds.set(t, (id = termIds.size));
      return id;
    }),
  );
  const df = new Uint32Array(termIds.size);
  for (const ts of docTerms) for (const t of ts) df[t]!++;
  // A word in 0.5% of the archive still says what a story is about, but past 100 articles it costs
  // more than it tells: scoring reads every article of every key word (at 100,000 articles a cap
  // of 200 took 6 s, 100 takes half). Archives under 20,000 articles are not affected.
  const maxDf = Math.max(20, Math.min(100, Math.round(n * 0.005)));
  const idf = Float64Array.from(df, (d) => Math.log(n / d));
  // Keep each article's rarest useful terms only.
  const keys = docTerms.map((ts) =>
    ts
      .filter((t) => df[t]! >= 2 && df[t]! <= maxDf)
      .sort((a, b) => df[a]! - df[b]! || a - b)
      .slice(0, KEY_TERMS),
  );
  // Postings as one flat array (offsets per term): 100,000 small arrays cost more than the scan.
  const starts = new Int32Array(termIds.size + 1);
  for (const ts of keys) for (const t of ts) starts[t + 1]!++;
  for (let t = 0; t < termIds.size; t++) starts[t + 1]! += starts[t]!;
  const postings = new Int32Array(starts[termIds.size]!);
  const fill = starts.slice(0, termIds.size);
  keys.forEach((ts, doc) => ts.forEach((t) => (postings[fill[t]!++] = doc)));

  const scores = new Float64Array(n);
  const touched = new Int32Array(n);
  // Not `score === 0`: a word in every article of a small archive weighs nothing.
  const isTouched = new Uint8Array(n);
  /** Higher score first; then newer; then archive order, so ties always break the same way. */
  const better = (a: number, b: number): boolean => {
    if (scores[a] !== scores[b]) return scores[a]! > scores[b]!;
    const da = articles[a]!.date;
    const db = articles[b]!.date;
    return da !== db ? da > db : a < b;
  };
  return keys.map((ts, doc) => {
    let count = 0;
    for (const t of ts) {
      const weight = idf[t]!;
      for (let p = starts[t]!, end = starts[t + 1]!; p < end; p++) {
        const other = postings[p]!;
        if (other === doc) continue;
        if (isTouched[other] === 0) {
          isTouched[other] = 1;
          touched[count++] = other;
        }
        scores[other]! += weight;
      }
    }
    // Top few by insertion, not a sort of every candidate: a common word can bring thousands.
    const best: number[] = [];
    for (let k = 0; k < count; k++) {
      const o = touched[k]!;
      if (best.length === RELATED_COUNT && !better(o, best[RELATED_COUNT - 1]!)) continue;
      let i = best.length;
      while (i > 0 && better(o, best[i - 1]!)) i--;
      best.splice(i, 0, o);
      if (best.length > RELATED_COUNT) best.pop();
    }
    for (let k = 0; k < count; k++) {
      scores[touched[k]!] = 0;
      isTouched[touched[k]!] = 0;
    }
    return best;
  });
}
