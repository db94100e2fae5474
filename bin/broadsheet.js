#!/usr/bin/env node
// The command is written in TypeScript: register tsx, then hand over to the real entry point.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
