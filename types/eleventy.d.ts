// Eleventy 3.1 ships no type declarations for its main module. These cover what Broadsheet uses.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: { configPath?: string; quietMode?: boolean; pathPrefix?: string });
    write(): Promise<unknown>;
    toJSON(): Promise<Array<{ url: string; inputPath: string; outputPath: string; content: string }>>;
  }
}
declare module "@11ty/eleventy-plugin-rss" {
  /** `2017-04-12T00:00:00.000Z` → `2017-04-12T00:00:00Z`, as Atom and JSON Feed want. */
  export function dateToRfc3339(date: Date): string;
}
