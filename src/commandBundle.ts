// What the command's bundle holds (bin/broadsheet.js): the command, and the Eleventy config it hands
// Eleventy. One module graph, so that the config's modules are the command's own, not copies: the
// watcher `serve` installs and the caches a build keeps in memory are the ones the plugin sees.
export { runCommand } from "./cli.js";
export { default as eleventyConfig } from "../.eleventy.js";
