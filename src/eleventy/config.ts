/**
 * The part of Eleventy's configuration API that Broadsheet's plugins use, typed
 * (Eleventy 3.1 ships no declarations). See https://www.11ty.dev/docs/config/.
 */
export interface EleventyConfig {
  addPlugin(plugin: unknown, options?: unknown): void;
  addGlobalData(name: string, value: unknown): void;
  addFilter(name: string, filter: (...args: any[]) => unknown): void;
  addTransform(name: string, transform: (this: unknown, content: string) => string): void;
  addPassthroughCopy(paths: string | Record<string, string>): void;
  addWatchTarget(path: string, options?: { readonly resetConfig?: boolean }): void;
  addTemplate(virtualPath: string, content: string, data?: Record<string, unknown>): void;
  on(event: "eleventy.before" | "eleventy.after", handler: (event: EleventyEvent) => unknown): void;
  setQuietMode(quiet: boolean): void;
  setServerOptions(options: Record<string, unknown>): void;
  setChokidarConfig(options: Record<string, unknown>): void;
  ignores: { add(pattern: string): void };
  pathPrefix?: string;
}

export interface EleventyEvent {
  /** As configured: ignores `--output` on the command line. */
  readonly dir: { readonly input: string; readonly output: string };
  /** As resolved for this run, command line included. */
  readonly directories: { readonly input: string; readonly includes: string; readonly output: string };
  readonly runMode: "build" | "serve" | "watch";
  readonly results?: ReadonlyArray<{ readonly url: string; readonly inputPath: string; readonly outputPath: string | false }>;
  /** Whether this run draws only what a change touched (`--incremental`). */
  readonly incremental?: boolean;
}
