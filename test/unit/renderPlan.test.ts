import { describe, expect, it } from "vitest";
import { fingerprint, planUpdates } from "../../src/archive/renderPlan.js";

const item = (key: string, model: unknown) => ({ key, hash: () => fingerprint(model) });
const everyFileThere = (): boolean => true;

describe("planUpdates: what a rebuild draws again", () => {
  const before = [item("/a/", { headline: "A" }), item("/b/", { headline: "B" }), item("/c/", { headline: "C" })];
  const previous = planUpdates(before, null, everyFileThere).hashes();

  it("draws everything when there is no previous build to compare with", () => {
    const plan = planUpdates(before, null, everyFileThere);
    expect([...plan.changed].sort()).toEqual(["/a/", "/b/", "/c/"]);
    expect(plan.stale).toEqual([]);
  });

  it("draws only pages whose data changed, and removes pages that are gone", () => {
    const now = [item("/a/", { headline: "A" }), item("/b/", { headline: "B, corrected" }), item("/d/", { headline: "D" })];
    const plan = planUpdates(now, previous, everyFileThere);
    expect([...plan.changed].sort()).toEqual(["/b/", "/d/"]);
    expect(plan.stale).toEqual(["/c/"]);
    expect(plan.count).toBe(3);
  });

  it("draws a page again when its file was deleted from the output", () => {
    const plan = planUpdates(before, previous, (key) => key !== "/c/");
    expect([...plan.changed]).toEqual(["/c/"]);
  });

  it("gives the next build the same fingerprints whether they were taken early or late", () => {
    expect(planUpdates(before, previous, everyFileThere).hashes()).toEqual(previous);
  });
});
