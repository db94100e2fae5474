// How names are keyed, apart from the lists of lexicon.ts: the search page keys a topic's name
// as the build does (src/search/topicFilter.ts), and must not load the world's places to do so.

/** The key a name is compared by: lower case, one kind of apostrophe, no full stops (`U.S.` → `us`). */
export function nameKey(name: string): string {
  // Called for every run and candidate of every article: each replacement only where it changes
  // something, as most names have no curly quote, no dot and single spaces.
  let key = name.toLowerCase();
  if (key.includes("’")) key = key.replace(/’/gu, "'");
  if (key.includes(".")) key = key.replace(/\./gu, "");
  return ODD_SPACING.test(key) ? key.replace(/\s+/gu, " ").trim() : key;
}

/** Spacing that `nameKey` makes one plain space: runs, tabs and the like, or any at either end. */
const ODD_SPACING = /[^\S ]|  |^ | $/u;

/** Particles that mark a person's name from the Arabic world: "Bashar al-Assad", "Osama bin Laden". */
export const NAME_PARTICLES = /^(?:al|el|bin|ibn|abu|abd)(?:-|$)/iu;
