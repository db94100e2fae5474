import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser.js";
import { buildSite, type BuildOptions, type BuiltSite } from "./buildSite.js";
import { serveStatic, type StaticServer } from "./staticServer.js";

/** A built site, served on loopback, with a browser page ready to visit it. */
export interface SiteInBrowser {
  readonly site: BuiltSite;
  readonly server: StaticServer;
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

/** Builds an articles folder, serves the output and opens Chromium on it. */
export async function siteInBrowser(articles: string, options: BuildOptions = {}): Promise<SiteInBrowser> {
  const site = await buildSite(articles, options);
  if (site.code !== 0) throw new Error(`build failed:\n${site.stderr}`);
  const server = await serveStatic(site.output);
  const browser = await launchBrowser();
  const page = await browser.newPage();
  return {
    site,
    server,
    browser,
    page,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
