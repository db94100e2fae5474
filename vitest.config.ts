import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/globalSetup.ts"],
    // Build and browser tests run the real build and a real browser.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // A shared two-core machine can take seconds to show search results: poll, don't race.
    expect: { poll: { timeout: 15_000 } },
  },
});
