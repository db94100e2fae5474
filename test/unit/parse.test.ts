import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { articleBody, isRealDate, parseArticle, splitSources } from "../../src/article/parse.js";
import { decodeMentions } from "../../src/article/mentions.js";
import { file, HEADLINE, parseOk, parseProblems, PROSE, STANDFIRST, texts } from "./helpers.js";

const HEADER = "date 2019-03-14 MALTA NEWS";

describe("header", () => {
  it("reads the date and the section as written", () => {
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1]));
    expect(a.date).toBe("2019-03-14");
    expect(a.sectionRaw).toBe("MALTA NEWS");
  });

  it("accepts a header with a leading space", () => {
    const a = parseOk(file([" date 2019-03-14 MALTA NEWS", HEADLINE, STANDFIRST, PROSE.p1]));
    expect(a.date).toBe("2019-03-14");
    expect(a.sectionRaw).toBe("MALTA NEWS");
  });

  it("accepts a header with a leading tab", () => {
    const a = parseOk(file(["\tdate 2019-03-14 MALTA NEWS", HEADLINE, STANDFIRST, PROSE.p1]));
    expect(a.sectionRaw).toBe("MALTA NEWS");
  });

  it("accepts a section of several words", () => {
    const a = parseOk(file(["date 1987-03-02 MERGERS AND ACQUISITIONS", HEADLINE, STANDFIRST, PROSE.p1]));
    expect(a.sectionRaw).toBe("MERGERS AND ACQUISITIONS");
  });

  it("keeps the file path it was given", () => {
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1]), "archive/2019/ferry.txt");
    expect(a.file).toBe("archive/2019/ferry.txt");
  });
});

describe("header errors", () => {
  it("rejects an empty file with an error on line 1", () => {
    const problems = parseProblems("", "empty.txt");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "empty.txt", line: 1, severity: "error" });
    expect(problems[0]!.message).not.toBe("");
  });

  it("rejects a file holding only blank lines, spaces and tabs", () => {
    const problems = parseProblems("\n   \n\t\n\n");
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.severity === "error")).toBe(true);
  });

  it("rejects a file without a header, pointing at line 1", () => {
    const problems = parseProblems(file([HEADLINE, STANDFIRST, PROSE.p1]), "no-header.txt");
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: "no-header.txt", line: 1, severity: "error" });
    expect(problems[0]!.message).toMatch(/header/i);
  });

  it("rejects a headline that merely starts with the word Date when the header is missing", () => {
    const problems = parseProblems(file(["Date set for Maltese general election", STANDFIRST, PROSE.p1]));
    expect(problems.some((p) => p.line === 1 && p.severity === "error")).toBe(true);
  });

  it("rejects 30 February as no such day", () => {
    const problems = parseProblems(file(["date 2017-02-30 MALTA NEWS", HEADLINE, STANDFIRST, PROSE.p1]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 1, severity: "error" });
    expect(problems[0]!.message).toMatch(/date/i);
  });

  it("rejects 29 February outside a leap year but accepts it in one", () => {
    expect(parseProblems(file(["date 2017-02-29 MALTA NEWS", HEADLINE, STANDFIRST, PROSE.p1]))).toHaveLength(1);
    expect(parseOk(file(["date 2016-02-29 MALTA NEWS", HEADLINE, STANDFIRST, PROSE.p1])).date).toBe("2016-02-29");
  });

  it.each([
    ["month 13", "date 2019-13-01 MALTA NEWS"],
    ["day 00", "date 2019-03-00 MALTA NEWS"],
    ["day 32", "date 2019-01-32 MALTA NEWS"],
    ["day-month-year", "date 14-03-2019 MALTA NEWS"],
    ["slashes", "date 2019/03/14 MALTA NEWS"],
    ["unpadded month", "date 2019-3-14 MALTA NEWS"],
    ["a written date", "date March 14 2019 MALTA NEWS"],
  ])("rejects a bad date (%s) on the header line", (_name, header) => {
    const problems = parseProblems(file([header, HEADLINE, STANDFIRST, PROSE.p1]));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.line === 1 && p.severity === "error")).toBe(true);
  });

  it("rejects a header without a section", () => {
    const problems = parseProblems(file(["date 2019-03-14", HEADLINE, STANDFIRST, PROSE.p1]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 1, severity: "error" });
    expect(problems[0]!.message).toMatch(/section/i);
  });

  it("rejects a header with trailing spaces but no section", () => {
    const problems = parseProblems(file(["date 2019-03-14   \t", HEADLINE, STANDFIRST, PROSE.p1]));
    expect(problems.some((p) => p.line === 1 && /section/i.test(p.message))).toBe(true);
  });

  it("reports a bad date and a missing section together", () => {
    const problems = parseProblems(file(["date 2017-02-30", HEADLINE, STANDFIRST, PROSE.p1]));
    expect(problems).toHaveLength(2);
    expect(problems.every((p) => p.line === 1)).toBe(true);
  });

  it("counts blank lines before the header in the line number", () => {
    const problems = parseProblems("\n\ndate 2017-02-30 MALTA NEWS\n" + file([HEADLINE, STANDFIRST, PROSE.p1]));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(3);
  });

  it("counts lone carriage returns as line breaks in the line number", () => {
    const problems = parseProblems("\r\rdate 2017-02-30 MALTA NEWS\r" + file([HEADLINE, STANDFIRST, PROSE.p1], "\r"));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(3);
  });
});

describe("missing headline or body", () => {
  it("rejects a file that is only a header", () => {
    const problems = parseProblems(file([HEADER]), "header-only.txt");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "header-only.txt", line: 1, severity: "error" });
    expect(problems[0]!.message).toMatch(/headline/i);
  });

  it("rejects a header followed by only the default boilerplate line", () => {
    const problems = parseProblems(file([HEADER, "Please login or register to comment."]));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.severity).toBe("error");
  });

  it("rejects a headline without body, pointing at the headline's line", () => {
    const problems = parseProblems(file([HEADER, HEADLINE]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, severity: "error" });
    expect(problems[0]!.message).toMatch(/body/i);
  });

  it("finds the headline's line through Windows line endings", () => {
    const problems = parseProblems(file(["", HEADER, "", HEADLINE], "\r\n"));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(4);
  });

  it("reports a bad date and a missing body together", () => {
    const problems = parseProblems(file(["date 2017-02-30 MALTA NEWS", HEADLINE]));
    expect(problems).toHaveLength(2);
    expect(problems.map((p) => p.line).sort()).toEqual([1, 2]);
  });

  it("reports a missing section and a missing headline together", () => {
    const problems = parseProblems(file(["date 2019-03-14"]));
    expect(problems).toHaveLength(2);
    expect(problems.every((p) => p.severity === "error" && p.line === 1)).toBe(true);
  });
});

describe("headline", () => {
  it("is the next non-empty line after the header", () => {
    const a = parseOk(file([HEADER, "", "", HEADLINE, STANDFIRST, PROSE.p1]));
    expect(a.headline).toBe(HEADLINE);
  });

  it("keeps ticker symbols in angle brackets as text", () => {
    const a = parseOk(file([HEADER, "Sudan Resources <SRD> wins court appeal over mine licence", STANDFIRST, PROSE.p1]));
    expect(a.headline).toBe("Sudan Resources <SRD> wins court appeal over mine licence");
  });

  it("is not repeated in the body", () => {
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1]));
    expect(texts(a)).not.toContain(HEADLINE);
  });

  it("comes with its URL slug", () => {
    const a = parseOk(file([HEADER, "Erdoğan's U.S. visit <SRD> delayed", STANDFIRST, PROSE.p1]));
    expect(a.slug).toBe("erdogans-us-visit-srd-delayed");
  });
});

describe("standfirst", () => {
  it("is the line after the headline", () => {
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, PROSE.p2]));
    expect(a.standfirst).toBe(STANDFIRST);
    expect(texts(a)).toEqual([PROSE.p1, PROSE.p2]);
  });

  it("is absent when the line after the headline opens with a dateline", () => {
    const a = parseOk(file([HEADER, HEADLINE, `Valletta — ${PROSE.p2}`, PROSE.p3]));
    expect(a.standfirst).toBeNull();
    expect(a.dateline).toBe("Valletta");
    expect(texts(a)).toEqual([PROSE.p2, PROSE.p3]);
  });

  it("is absent when the line after the headline is the only text line", () => {
    const a = parseOk(file([HEADER, HEADLINE, PROSE.p1]));
    expect(a.standfirst).toBeNull();
    expect(texts(a)).toEqual([PROSE.p1]);
  });

  it("is absent when the only other line is the source credit", () => {
    const a = parseOk(file([HEADER, HEADLINE, PROSE.p1, "Bloomberg"]));
    expect(a.standfirst).toBeNull();
    expect(texts(a)).toEqual([PROSE.p1]);
    expect(a.source).toBe("Bloomberg");
  });
});

describe("dateline", () => {
  it("is split off the first paragraph", () => {
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, `Valletta — ${PROSE.p2}`, PROSE.p3]));
    expect(a.dateline).toBe("Valletta");
    expect(a.body[0]).toEqual({ type: "paragraph", text: PROSE.p2 });
  });

  it("keeps a wire-copy date with the place", () => {
    const a = parseOk(file([HEADER, HEADLINE, `TOKYO, March 2 - ${PROSE.p2}`, PROSE.p3]));
    expect(a.dateline).toBe("TOKYO, March 2");
    expect(a.body[0]!.text).toBe(PROSE.p2);
  });

  it("is null when the first paragraph has none, and the paragraph is left whole", () => {
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, PROSE.p2]));
    expect(a.dateline).toBeNull();
    expect(a.body[0]!.text).toBe(PROSE.p1);
  });

  it("is only looked for in the first paragraph", () => {
    const later = "PARIS - French officials said they were watching the project closely and would send engineers.";
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, later]));
    expect(a.dateline).toBeNull();
    expect(texts(a)).toEqual([PROSE.p1, later]);
  });

  it("is not found in a first paragraph holding a dash aside", () => {
    const line = "The contractor said the delay - the second this year - would not raise the final cost.";
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, line, PROSE.p2]));
    expect(a.dateline).toBeNull();
    expect(a.body[0]!.text).toBe(line);
  });
});

describe("crossheads", () => {
  it("turn a short unpunctuated line between two full paragraphs into a heading with an anchor", () => {
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, "Storm damage", PROSE.p2, PROSE.p3]));
    expect(a.body).toEqual([
      { type: "paragraph", text: PROSE.p1 },
      { type: "heading", text: "Storm damage", id: "storm-damage" },
      { type: "paragraph", text: PROSE.p2 },
      { type: "paragraph", text: PROSE.p3 },
    ]);
  });

  it("may be eight words long", () => {
    const crosshead = "What the new rules mean for small firms";
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, crosshead, PROSE.p2]));
    expect(a.body[1]).toMatchObject({ type: "heading", text: crosshead });
  });

  it("are never longer than eight words", () => {
    const line = "What the new rules mean for small business owners across Europe";
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, line, PROSE.p2]));
    expect(a.body[1]).toEqual({ type: "paragraph", text: line });
  });

  it.each(["He declined to comment.", "What happens next?", "The figures:", "Nobody was hurt!"])(
    "are never a line ending with sentence punctuation (%s)",
    (line) => {
      const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, line, PROSE.p2]));
      expect(a.body.every((b) => b.type === "paragraph")).toBe(true);
      expect(texts(a)).toEqual([PROSE.p1, line, PROSE.p2]);
    },
  );

  it("stand between short sentences too: wire copy of one-sentence paragraphs keeps its crossheads", () => {
    const body = ["Lisbon — Trains stopped at noon.", "Unions called it a warning.", "Commuters stranded", "Buses ran full all afternoon.", "Talks resume", "Both sides meet on Monday."];
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, ...body, "Reuters"]));
    expect(a.body.filter((b) => b.type === "heading").map((b) => b.text)).toEqual(["Commuters stranded", "Talks resume"]);
    expect(a.body.map((b) => b.text)).toEqual(["Trains stopped at noon.", ...body.slice(1)]);
  });

  it("are never a line of an earnings table, even between sentences", () => {
    const body = [PROSE.p1, "The company gave these results.", "Year", "Shr 1.23 dlrs vs 1.10 dlrs", "Net 807,000 vs 2,858,000", "Revs 12.4 mln vs 11.9 mln", "Note", "Results were restated.", PROSE.p2];
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, ...body]));
    expect(a.body.every((b) => b.type === "paragraph")).toBe(true);
  });

  it("are never two short lines next to each other", () => {
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, "Key figures", "Cost overruns", PROSE.p2]));
    expect(a.body.every((b) => b.type === "paragraph")).toBe(true);
  });

  it("are never the last body line", () => {
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, PROSE.p2, "More to follow soon", "Staff Writer"]));
    expect(a.body.every((b) => b.type === "paragraph")).toBe(true);
    expect(texts(a)).toContain("More to follow soon");
  });

  it("get ids unique within the article when two have the same text", () => {
    const a = parseOk(
      file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, "Background", PROSE.p2, "Background", PROSE.p3, PROSE.p4]),
    );
    const headings = a.body.filter((b) => b.type === "heading");
    expect(headings).toHaveLength(2);
    const ids = headings.map((h) => (h.type === "heading" ? h.id : ""));
    expect(ids[0]).toBe("background");
    expect(ids[1]).not.toBe(ids[0]);
    expect(ids[1]).toMatch(/^background-?\w+$/);
  });

  it("get a readable, non-empty id for non-Latin text", () => {
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, "Реакция Москвы", PROSE.p2]));
    const heading = a.body[1]!;
    expect(heading.type).toBe("heading");
    if (heading.type === "heading") {
      expect(heading.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(heading.id).toContain("moskv");
    }
  });

  it("are not found in an earnings table: its short lines stay paragraphs", () => {
    const table = [
      "Shr 34 cts vs 1.19 dlrs",
      "Net 807,000 vs 2,858,000",
      "Revs 12.1 mln vs 10.9 mln",
      "Year",
      "Shr 1.02 dlrs vs 2.41 dlrs",
      "Net 2,431,000 vs 5,790,000",
      "Revs 47.3 mln vs 44.8 mln",
    ];
    const a = parseOk(file(["date 1987-03-02 EARNINGS", "Lakeside Instruments Inc <LKIN> 4th qtr net", ...table]));
    expect(a.body.every((b) => b.type === "paragraph")).toBe(true);
    expect(texts(a)).toContain("Year");
    expect(texts(a)).toContain("Net 2,431,000 vs 5,790,000");
  });

  it("are not found in a table set between two full paragraphs", () => {
    const a = parseOk(
      file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, "Year", "Net 807,000 vs 2,858,000", "Shr 34 cts vs 1.19 dlrs", PROSE.p2]),
    );
    expect(a.body.every((b) => b.type === "paragraph")).toBe(true);
    expect(texts(a)).toEqual([PROSE.p1, "Year", "Net 807,000 vs 2,858,000", "Shr 34 cts vs 1.19 dlrs", PROSE.p2]);
  });
});

describe("source credit", () => {
  it.each([
    ["Bloomberg", ["Bloomberg"]],
    ["Reuters", ["Reuters"]],
    ["Reuters, AFP", ["Reuters", "AFP"]],
    ["Staff Writer", ["Staff Writer"]],
  ])("is a short last line without sentence punctuation (%s)", (credit, sources) => {
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, PROSE.p2, credit]));
    expect(a.source).toBe(credit);
    expect(a.sources).toEqual(sources);
    expect(texts(a)).toEqual([PROSE.p1, PROSE.p2]);
  });

  it("is absent when the last line ends a sentence", () => {
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, "Work resumes on Monday."]));
    expect(a.source).toBeNull();
    expect(a.sources).toEqual([]);
    expect(texts(a)).toEqual([PROSE.p1, "Work resumes on Monday."]);
  });

  it("is absent when the last line is longer than five words", () => {
    const line = "Additional reporting by Maria Borg in Gozo";
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, line]));
    expect(a.source).toBeNull();
    expect(texts(a)).toContain(line);
  });

  it("is found before trailing boilerplate", () => {
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, "Bloomberg", "Please login or register to comment."]));
    expect(a.source).toBe("Bloomberg");
    expect(texts(a)).toEqual([PROSE.p1]);
  });

  it("is never the headline's only follower: a one-line body stays body", () => {
    const a = parseOk(file([HEADER, HEADLINE, "Ferry services suspended"]));
    expect(texts(a)).toEqual(["Ferry services suspended"]);
    expect(a.source).toBeNull();
  });
});

describe("boilerplate", () => {
  it("drops the default trailing line", () => {
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, PROSE.p2, "Please login or register to comment."]));
    expect(texts(a)).toEqual([PROSE.p1, PROSE.p2]);
    expect(a.source).toBeNull();
  });

  it("drops it when repeated, and when surrounded by spaces or tabs", () => {
    const a = parseOk(
      file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, "  Please login or register to comment.\t", "Please login or register to comment."]),
    );
    expect(texts(a)).toEqual([PROSE.p1]);
  });

  it("drops lines from a configured list", () => {
    const options = { boilerplate: ["Copyright 2019 Island Media. All rights reserved.", "Share this article:"] };
    const a = parseOk(
      file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, PROSE.p2, "Share this article:", "Copyright 2019 Island Media. All rights reserved."]),
      "a.txt",
      options,
    );
    expect(texts(a)).toEqual([PROSE.p1, PROSE.p2]);
  });

  it("keeps the default line when the configured list does not hold it", () => {
    const a = parseOk(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, "Please login or register to comment."]), "a.txt", {
      boilerplate: [],
    });
    expect(texts(a)).toEqual([PROSE.p1, "Please login or register to comment."]);
  });

  it("counts as no body when it is all that follows the headline", () => {
    const problems = parseProblems(file([HEADER, HEADLINE, "Please login or register to comment."]));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(2);
  });
});

describe("line endings and spacing", () => {
  const lines = [HEADER, HEADLINE, STANDFIRST, PROSE.p1, "Storm damage", PROSE.p2, "Bloomberg"];
  const expected = parseOk(file(lines));

  it.each([
    ["Windows line endings", file(lines, "\r\n")],
    ["lone carriage returns", file(lines, "\r")],
    ["a byte-order mark", "\uFEFF" + file(lines)],
    ["blank lines between paragraphs", file(lines, "\n\n")],
    ["no final newline", lines.join("\n")],
    ["leading and trailing spaces and tabs", file(lines.map((l, i) => (i % 2 === 0 ? `  ${l}\t` : `\t${l}  `)))],
  ])("reads %s the same as plain newlines", (_name, text) => {
    expect(parseOk(text)).toEqual(expected);
  });
});

describe("word count", () => {
  it("counts standfirst and body words, not the headline, the source credit or boilerplate", () => {
    // Standfirst: 9 words; p1: 19; crosshead: 2; p2: 20.
    const standfirst = "Storms and a steel shortage push back the project";
    const a = parseOk(
      file([HEADER, HEADLINE, standfirst, PROSE.p1, "Building work", PROSE.p2, "Staff Writer", "Please login or register to comment."]),
    );
    expect(a.words).toBe(50);
  });

  it("counts the body alone when there is no standfirst", () => {
    const a = parseOk(file([HEADER, HEADLINE, PROSE.p2]));
    expect(a.words).toBe(20);
  });
});

describe("the seed article", () => {
  const path = fileURLToPath(new URL("../fixtures/unit/seed-moscow.txt", import.meta.url));
  const a = parseOk(readFileSync(path, "utf8"), "seed-moscow.txt");

  it("has its header", () => {
    expect(a.date).toBe("2017-04-12");
    expect(a.sectionRaw).toBe("SYRIAN CONFLICT");
  });

  it("has exactly its headline", () => {
    expect(a.headline).toBe("Tillerson and Lavrov meet in Moscow as US blasts Russia about Syria");
  });

  it("has its standfirst", () => {
    expect(a.standfirst).toMatch(/^Russia is resolute about rebels using sarin gas/);
  });

  it("gives its names only to a site with topics", () => {
    expect(decodeMentions(a.mentions).map((m) => m.name)).toContain("Rex Tillerson");
    const without = parseArticle(readFileSync(path, "utf8"), "seed-moscow.txt", { names: false });
    expect(without.ok && without.article.mentions).toBe("");
    // The rest of the article is the same.
    expect(without.ok && { ...without.article, mentions: a.mentions }).toEqual(a);
  });

  it("has the dateline Moscow, taken off the first paragraph", () => {
    expect(a.dateline).toBe("Moscow");
    expect(a.body[0]!.type).toBe("paragraph");
    expect(a.body[0]!.text).toMatch(/^US Secretary of State/);
  });

  it("has exactly one crosshead, Chemical attack", () => {
    const headings = a.body.filter((b) => b.type === "heading");
    expect(headings).toEqual([{ type: "heading", text: "Chemical attack", id: "chemical-attack" }]);
  });

  it("is credited to Bloomberg, which is not left in the body", () => {
    expect(a.source).toBe("Bloomberg");
    expect(a.sources).toEqual(["Bloomberg"]);
    expect(texts(a)).not.toContain("Bloomberg");
  });

  it("has no boilerplate anywhere in the body", () => {
    expect(texts(a).some((t) => t.includes("Please login or register"))).toBe(false);
  });

  it("keeps every other line as a paragraph", () => {
    expect(a.body.filter((b) => b.type === "paragraph").length).toBe(11);
  });
});

describe("isRealDate", () => {
  it("accepts real calendar days, leap days included", () => {
    for (const d of ["2017-04-12", "2016-02-29", "2000-02-29", "1987-12-31", "2019-01-01"]) expect(isRealDate(d), d).toBe(true);
  });

  it("rejects days that do not exist", () => {
    for (const d of ["2017-02-30", "2017-02-29", "1900-02-29", "2019-04-31", "2019-13-01", "2019-00-10", "2019-01-00"]) {
      expect(isRealDate(d), d).toBe(false);
    }
  });

  it("rejects anything but YYYY-MM-DD", () => {
    for (const d of ["2019-1-1", "20190101", "2019-01-01x", " 2019-01-01", "01-01-2019", ""]) expect(isRealDate(d), d).toBe(false);
  });
});

describe("splitSources", () => {
  it("splits a comma-separated credit", () => {
    expect(splitSources("Reuters, AFP")).toEqual(["Reuters", "AFP"]);
  });

  it("keeps a single credit of several words whole", () => {
    expect(splitSources("Staff Writer")).toEqual(["Staff Writer"]);
    expect(splitSources("Bloomberg")).toEqual(["Bloomberg"]);
  });

  it("lists each credit once, in order", () => {
    expect(splitSources("AFP, Reuters, AFP")).toEqual(["AFP", "Reuters"]);
  });
});

describe("parseArticle result shape", () => {
  it("has no warnings for a clean article", () => {
    const result = parseArticle(file([HEADER, HEADLINE, STANDFIRST, PROSE.p1]), "a.txt");
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings).toEqual([]);
  });
});

describe("articleBody: a body read back without finding names", () => {
  it("gives the body parseArticle gives, for every input fixture, and null where there is no article", () => {
    const dir = fileURLToPath(new URL("../fixtures/input/", import.meta.url));
    const seed = fileURLToPath(new URL("../../articles/", import.meta.url));
    const inputs = [
      ...readdirSync(dir).map((name) => path.join(dir, name)),
      ...readdirSync(seed).map((name) => path.join(seed, name)),
    ];
    let articles = 0;
    for (const input of inputs) {
      const text = readFileSync(input, "utf8");
      const parsed = parseArticle(text, input);
      expect(articleBody(text, input), input).toEqual(parsed.ok ? parsed.article.body : null);
      if (parsed.ok) articles++;
    }
    // Articles and rejected files both.
    expect(articles).toBeGreaterThan(5);
    expect(articles).toBeLessThan(inputs.length);
  });

  it("drops the same boilerplate", () => {
    const text = file([HEADER, HEADLINE, STANDFIRST, PROSE.p1, "Share this article:"]);
    const options = { boilerplate: ["Share this article:"] };
    expect(articleBody(text, "a.txt", options)).toEqual(parseOk(text, "a.txt", options).body);
    expect(articleBody(text, "a.txt", options)).not.toEqual(articleBody(text, "a.txt"));
  });
});
