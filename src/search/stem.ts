import { EnglishStemmer } from "./snowball/englishStemmer.js";

const english = new EnglishStemmer();

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ASTRAL = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
/** The first of the private-use characters that stand in for astral ones while stemming. */
const PRIVATE_USE = 0xe000;

/**
 * The stem Pagefind 1.6 looks up for one query word (a word of `queryTerms`): Snowball's
 * English ("porter2") stemmer of Snowball 3.1.x, as Pagefind's WebAssembly applies it.
 *
 * Pagefind stems in Rust, over Unicode characters; the generated JavaScript counts UTF-16 code
 * units. The two agree except on characters outside the Basic Multilingual Plane (emoji, for
 * one), which Rust counts once and JavaScript twice: those are stemmed as one private-use
 * character each and put back. A lone surrogate reaches Pagefind's WebAssembly as U+FFFD.
 */
export function stem(word: string): string {
  if (!SURROGATE.test(word)) return english.stem(word);
  const wellFormed = word.replace(LONE_SURROGATE, "\uFFFD");
  const stand = new Map<string, string>();
  const back = new Map<string, string>();
  let next = PRIVATE_USE;
  const narrowed = wellFormed.replace(ASTRAL, (astral) => {
    let char = stand.get(astral);
    if (char === undefined) {
      do char = String.fromCharCode(next++);
      while (wellFormed.includes(char));
      stand.set(astral, char);
      back.set(char, astral);
    }
    return char;
  });
  return [...english.stem(narrowed)].map((char) => back.get(char) ?? char).join("");
}
