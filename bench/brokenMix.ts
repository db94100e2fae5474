// Mixes deliberately broken copies into a real corpus and checks a lenient build publishes
// every good article and names every bad file: `node --import tsx bench/brokenMix.ts [--broken 300]`.
// Needs ../shared/corpus (research use only: copies go to a temporary folder, never the project).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const PROJECT = path.resolve(import.meta.dirname, "..");
const TARBALL = path.resolve(PROJECT, "../shared/corpus/reuters-21578-seed-format.tar.gz");
const brokenCount = Number(process.argv[process.argv.indexOf("--broken") + 1] || 300) || 300;

/** Ways a copy is broken, each a rule of the format, with the message `check` must give. */
const BREAKERS: { name: string; expect: RegExp; break(text: string): string | Buffer }[] = [
  { name: "bad-date", expect: /invalid date/u, break: (t) => t.replace(/date (\d{4})-\d\d-\d\d/u, "date $1-02-30") },
  { name: "no-header", expect: /missing header/u, break: (t) => t.replace(/^\s*date [^\n]*\n/u, "") },
  { name: "no-section", expect: /missing section/u, break: (t) => t.replace(/^(\s*date \d{4}-\d\d-\d\d)[^\n]*/u, "$1") },
  { name: "header-only", expect: /no headline/u, break: (t) => `${t.split("\n")[0]}\n` },
  { name: "headline-only", expect: /no body/u, break: (t) => t.split("\n").filter((l) => l.trim()).slice(0, 2).join("\n") },
  { name: "binary", expect: /binary content/u, break: (t) => Buffer.concat([Buffer.from(t.slice(0, 40)), Buffer.from([0, 1, 2, 0]), Buffer.from(t.slice(40))]) },
  { name: "empty", expect: /empty file/u, break: () => "" },
];

const work = await mkdtemp(path.join(os.tmpdir(), "broadsheet-broken-"));
if (!existsSync(TARBALL)) throw new Error(`no corpus at ${TARBALL}`);
execFileSync("tar", ["-xzf", TARBALL, "-C", work]);
const corpus = path.join(work, "reuters-seed");
const names = (await readdir(corpus)).sort();
const expected = new Map<string, RegExp>();
for (let i = 0; i < brokenCount; i++) {
  const source = names[(i * 61) % names.length]!;
  const breaker = BREAKERS[i % BREAKERS.length]!;
  const file = path.join(corpus, "broken", `${breaker.name}-${i}-${source}`);
  await cp(path.join(corpus, source), file);
  await writeFile(file, breaker.break(await readFile(file, "utf8")));
  // Outside the project, the build names files by absolute path.
  expected.set(file, breaker.expect);
}

const output = path.join(work, "site");
const env = { ...process.env, BROADSHEET_ARTICLES: corpus, BROADSHEET_CACHE: path.join(work, "cache") };
const started = performance.now();
const build = spawnSync(process.execPath, ["bin/broadsheet.js", "build", "--lenient", "--quiet", `--output=${output}`], { cwd: PROJECT, env, encoding: "utf8", maxBuffer: 1 << 28 });
const seconds = (performance.now() - started) / 1000;
const errors = build.stderr.split("\n").filter((l) => /:\d+: /u.test(l));
const named = new Map(errors.map((l) => [l.slice(0, l.search(/:\d+: /u)), l]));
const unnamed = [...expected.keys()].filter((f) => !named.has(f));
const wrong = [...expected].filter(([f, re]) => named.has(f) && !re.test(named.get(f)!));
const extra = [...named.keys()].filter((f) => !expected.has(f));
const summary = build.stdout.split("\n").filter((l) => l.startsWith("broadsheet: read") || l.startsWith("broadsheet: wrote") || l.startsWith("broadsheet: search"));
console.log(`corpus: ${names.length} good files + ${brokenCount} broken copies (${BREAKERS.map((b) => b.name).join(", ")})`);
console.log(`lenient build: exit ${build.status}, ${seconds.toFixed(1)} s`);
for (const line of summary) console.log(line);
console.log(`bad files named with path:line: message: ${expected.size - unnamed.length}/${expected.size}; with the expected message: ${expected.size - unnamed.length - wrong.length}`);
console.log(`good files reported as errors: ${extra.length}`);
const published = Number(/(\d+) articles published/u.exec(build.stdout)?.[1]);
console.log(`every good article published: ${published === names.length ? "yes" : `no (${published} of ${names.length})`}`);
const strict = spawnSync(process.execPath, ["bin/broadsheet.js", "build", "--quiet", `--output=${output}-strict`], { cwd: PROJECT, env, encoding: "utf8", maxBuffer: 1 << 28 });
console.log(`strict build: exit ${strict.status} (${/\d+ article files? rejected/u.exec(strict.stderr)?.[0] ?? "no rejection line"})`);
