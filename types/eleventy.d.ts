// Eleventy 3.1 ships no type declarations: the part of its programmatic API Broadsheet uses.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: { readonly configPath?: string; readonly quietMode?: boolean; readonly source?: "cli" | "script" });
    /** Builds once; rejects when a template fails. */
    write(): Promise<unknown>;
  }
}
