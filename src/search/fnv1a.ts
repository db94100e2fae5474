/**
 * 32-bit FNV-1a over a text's first `length` UTF-16 units: a few lines, and the same on the build
 * and in the browser, where the search page finds a word's directory file and a topic's filter.
 */
export function fnv1a(text: string, length = text.length): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < Math.min(length, text.length); i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
