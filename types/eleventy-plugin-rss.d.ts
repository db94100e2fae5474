// @11ty/eleventy-plugin-rss ships no type declarations. This covers what Broadsheet uses.
// (Eleventy's own configuration API is typed in src/eleventy/config.ts.)
declare module "@11ty/eleventy-plugin-rss" {
  /** `2017-04-12T00:00:00.000Z` → `2017-04-12T00:00:00Z`, as Atom and JSON Feed want. */
  export function dateToRfc3339(date: Date): string;
}
