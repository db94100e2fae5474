import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { AxeResults, Result } from "axe-core";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
let source: Promise<string> | undefined;

/** axe-core's own minified build, from the installed package. */
function axeSource(): Promise<string> {
  source ??= readFile(path.join(path.dirname(require.resolve("axe-core")), "axe.min.js"), "utf8");
  return source;
}

/** Runs axe-core over the page as it stands, with its default rules (WCAG 2 A/AA and best practice). */
export async function axeViolations(page: Page): Promise<Result[]> {
  await page.addScriptTag({ content: await axeSource() });
  const results = await page.evaluate(() => (window as unknown as { axe: { run(context: Document): Promise<AxeResults> } }).axe.run(document));
  return results.violations;
}

/** One readable line per failing node: `rule (impact): help — selector: summary`. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .flatMap((v) => [
      `${v.id} (${v.impact ?? "?"}): ${v.help} [${v.helpUrl}]`,
      ...v.nodes.map((n) => `    ${n.target.join(" ")}: ${(n.failureSummary ?? "").replace(/\s+/gu, " ")}`),
    ])
    .join("\n");
}
