#!/usr/bin/env node
// The command is written in TypeScript: register tsx, then hand over to the real entry point.
import { register } from "tsx/esm/api";

// Eleventy, which `build` and `serve` run, is JavaScript: loaded before tsx's hooks are, its
// modules are not each sent to tsx's thread and back (0.09 s of every build).
const command = process.argv[2];
if (command === "build" || command === "serve") await import("@11ty/eleventy");
register();
await import("../src/cli.ts");
