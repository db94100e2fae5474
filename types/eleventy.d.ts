// Eleventy 3.1 ships no type declarations for its main module. These cover what Broadsheet uses.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: { configPath?: string; quietMode?: boolean; pathPrefix?: string });
    write(): Promise<unknown>;
    toJSON(): Promise<Array<{ url: string; inputPath: string; outputPath: string; content: string }>>;
  }
}
declare module "@11ty/eleventy-plugin-rss" {
  const feedPlugin: unknown;
  export { feedPlugin };
  const rssPlugin: unknown;
  export default rssPlugin;
}
