import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { publish } from "../../src/archive/urls.js";
import { parseArticle } from "../../src/article/parse.js";
import { formatProblem } from "../../src/article/types.js";
import { readArchive, type ReadResult } from "../../src/io/readArchive.js";

const FIXTURES = path.join(import.meta.dirname, "../fixtures/input");
const at = (name: string) => path.relative(process.cwd(), path.join(FIXTURES, name));

let read: ReadResult;
beforeAll(async () => {
  read = await readArchive([FIXTURES]);
});

const article = (name: string) => read.articles.find((a) => a.file === at(name));
const messages = (name: string) => read.problems.filter((p) => p.file === at(name)).map(formatProblem);

/** Every fixture file and what must come of it: published (with what), or rejected (with which message). */
const REJECTED: Record<string, string> = {
  "bad-date.txt": `${at("bad-date.txt")}:1: invalid date "2017-02-30": no such day`,
  "binary.dat": `${at("binary.dat")}:1: binary content (NUL byte): not a text file`,
  "nul-byte.txt": `${at("nul-byte.txt")}:3: binary content (NUL byte): not a text file`,
  "empty.txt": `${at("empty.txt")}:1: empty file: expected a header line \`date YYYY-MM-DD SECTION\``,
  "header-only.txt": `${at("header-only.txt")}:2: no headline: the file ends after the header`,
  "headline-only.txt": `${at("headline-only.txt")}:2: no body: the headline is not followed by any paragraph`,
  "missing-header.txt": `${at("missing-header.txt")}:1: missing header: expected \`date YYYY-MM-DD SECTION\`, found "Ferry terminal to open in spring"`,
  "missing-section.txt": `${at("missing-section.txt")}:1: missing section after the date in header`,
};
const PUBLISHED: Record<string, string> = {
  "utf8-no-bom.txt": "Ferry terminal to open in spring",
  "utf8-bom.txt": "Terminal opening confirmed",
  "windows-1252.txt": "Fares rise to “£5” a crossing",
  "crlf.txt": "Line endings from Windows",
  "cr-only.txt": "Line endings from old Macs",
  "tabs-and-trailing-space.txt": "Tabs before the headline",
  "markup.txt": "HARBOUR CORP <HBR> SAYS <script>alert(1)</script> & </article> FINE",
  "same-headline-a.txt": "Council meets again",
  "same-headline-b.txt": "Council meets again",
  "duplicate-1.txt": "Duplicated story",
  "duplicate-2.txt": "Duplicated story",
  "turkish.txt": "Erdoğan opens İstanbul bridge",
  "arabic.txt": "افتتاح جسر جديد في القاهرة",
  "chinese.txt": "上海港口吞吐量创新高",
};

describe("hostile input, file by file", () => {
  it("accounts for every file: each published or rejected, none lost", () => {
    expect(read.files.length).toBe(Object.keys(REJECTED).length + Object.keys(PUBLISHED).length);
    expect(read.articles.length + read.rejected.length).toBe(read.files.length);
    expect([...read.rejected].sort()).toEqual(Object.keys(REJECTED).map(at).sort());
  });

  it.each(Object.entries(REJECTED))("rejects %s as path:line: message", (name, message) => {
    expect(messages(name)).toEqual([message]);
  });

  it.each(Object.entries(PUBLISHED))("publishes %s with its headline as written", (name, headline) => {
    expect(article(name)?.headline).toBe(headline);
  });

  it("reads every line-ending style and stray whitespace into the same article shape", () => {
    for (const name of ["utf8-no-bom.txt", "utf8-bom.txt", "crlf.txt", "cr-only.txt", "tabs-and-trailing-space.txt"]) {
      const a = article(name)!;
      expect(a.dateline, name).toBe("Lisbon");
      expect(a.body.map((b) => b.text), name).toEqual([
        "The harbour authority said on Monday that the new ferry terminal would open in the spring, after two years of delays and rising costs.",
        "Officials told reporters that the final inspections were under way and that the first crossings would carry commuters only.",
      ]);
      expect(a.source, name).toBe("Staff Writer");
    }
    expect(article("utf8-bom.txt")!.sectionRaw).toBe("HARBOUR NEWS");
    expect(article("tabs-and-trailing-space.txt")!.standfirst).toBe("A standfirst with trailing spaces");
  });

  it("reads Windows-1252 curly quotes and pound signs, and warns which file it was", () => {
    expect(article("windows-1252.txt")!.headline).toContain("“£5”");
    expect(messages("windows-1252.txt")).toEqual([`${at("windows-1252.txt")}: warning: not valid UTF-8: read as Windows-1252`]);
  });

  it("keeps markup as the characters written, in headline and body", () => {
    const a = article("markup.txt")!;
    expect(a.body[0]).toEqual({ type: "paragraph", text: "The statement read <img src=x onerror=alert(1)> and &amp; was written as is." });
    expect(a.body[1]!.text).toContain("</article><script>alert(2)</script>");
  });

  it("publishes two articles with the same headline on the same day at distinct URLs", () => {
    const urls = publish(read.articles).filter((a) => a.headline === "Council meets again").map((a) => a.url);
    expect(urls).toEqual(["/harbour-news/2019/03/04/council-meets-again/", "/harbour-news/2019/03/04/council-meets-again-2/"]);
  });

  it("publishes the same content under two names, and warns of the second", () => {
    expect(article("duplicate-1.txt")).toBeDefined();
    expect(article("duplicate-2.txt")).toBeDefined();
    expect(messages("duplicate-2.txt")).toEqual([`${at("duplicate-2.txt")}: warning: same content as ${at("duplicate-1.txt")}: published twice`]);
    expect(messages("duplicate-1.txt")).toEqual([]);
  });

  it("gives headlines and sections in any script readable, non-empty slugs", () => {
    const urls = Object.fromEntries(publish(read.articles).map((a) => [path.basename(a.file), a.url]));
    expect(urls["turkish.txt"]).toBe("/turkiye/2019/03/04/erdogan-opens-istanbul-bridge/");
    expect(urls["arabic.txt"]).toMatch(/^\/[a-z-]+\/2019\/03\/04\/[a-z-]+\/$/u);
    expect(urls["chinese.txt"]).toBe("/中国/2019/03/04/上海港口吞吐量创新高/");
  });
});

describe("very large input", () => {
  it("parses a 1 MB article with very long lines quickly and whole", () => {
    const paragraph = "The inquiry heard evidence for a further day, and the chair said more hearings would follow. ".repeat(120);
    const lines = [" date 2019-06-01 INQUIRY", "Inquiry hears a great deal of evidence", ...Array.from({ length: 90 }, () => paragraph.trim()), "Staff Writer"];
    const text = lines.join("\n");
    expect(text.length).toBeGreaterThan(1_000_000);
    const started = performance.now();
    const result = parseArticle(text, "big.txt");
    const seconds = (performance.now() - started) / 1000;
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // The first paragraph has no dateline, so it is the standfirst.
    expect(result.article.standfirst).toBe(paragraph.trim());
    expect(result.article.body.length).toBe(89);
    // 16 words a sentence, 120 sentences a paragraph, 90 paragraphs.
    expect(result.article.words).toBe(16 * 120 * 90);
    // Not a speed target (that is the benchmark's job): a guard against catastrophic regex backtracking.
    expect(seconds).toBeLessThan(10);
  });

  it("does not take a single enormous line for a dateline or a crosshead", () => {
    const long = `${"Word ".repeat(200_000)}- end`;
    const result = parseArticle(` date 2019-06-01 INQUIRY\nHeadline\n${long}\nStaff Writer`, "long.txt");
    expect(result.ok && result.article.dateline).toBe(null);
  });
});
