import { describe, expect, it } from "vitest";
import { inRuns } from "../../src/archive/renderPlan.js";

const numbered = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe("inRuns: the archive's pages cut into runs, one thread's share at a time", () => {
  const lists = { articles: numbered("a", 7), fronts: numbered("f", 3), dates: numbered("d", 2) };

  it("draws every page exactly once, in order, no run over the size", () => {
    const runs = inRuns(lists, 4);
    expect(runs.map((r) => r.articles.length + r.fronts.length + r.dates.length)).toEqual([4, 4, 4]);
    const drawn = runs.flatMap((r) => [...r.articles, ...r.fronts, ...r.dates]);
    expect(drawn).toEqual([...lists.articles, ...lists.fronts, ...lists.dates]);
  });

  it("cuts a run across the end of one list and the start of the next", () => {
    const second = inRuns(lists, 4)[1]!;
    expect(second).toEqual({ articles: ["a4", "a5", "a6"], fronts: ["f0"], dates: [] });
  });

  it("keeps a small build in one run", () => {
    expect(inRuns(lists, 5_000)).toEqual([lists]);
  });

  it("still makes one run when there are no pages, so the site's other pages are drawn", () => {
    expect(inRuns({ articles: [], fronts: [] }, 10)).toEqual([{ articles: [], fronts: [] }]);
  });
});
