// What the command's bundle holds (bin/broadsheet.js): the command, and the Eleventy config it hands
// Eleventy. One module graph: a bundle of the config alone would load a second copy of every
// module it shares with the command (the settings, the build).
export { runCommand } from "./cli.js";
export { default as eleventyConfig } from "../.eleventy.js";
