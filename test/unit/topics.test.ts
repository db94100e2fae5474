import { describe, expect, it } from "vitest";
import { buildArchive } from "../../src/archive/archive.js";
import { filingName, firstInOrder, letterOf, timeline, topicFilterValues, topicIndex, topicPages, TopicWeights, type Topic } from "../../src/archive/topics.js";
import { publishArchive } from "../../src/archive/archive.js";
import { TopicThread } from "../../src/build/topicThread.js";
import type { Article } from "../../src/archive/article.js";
import type { ParsedArticle } from "../../src/article/types.js";
import { articleText } from "../support/fixtureArchive.js";
import { TOPIC_PAGES, topicArticles } from "../support/topicArchive.js";
import { iso, parseOk, parsed } from "./helpers.js";

const fixture = topicArticles();
const parsedFixture = fixture.map((a) => parseOk(articleText(a), a.file));
const archive = buildArchive(parsedFixture, { pageSize: 2, siteTitle: "Test Gazette" });

/** A story of one paragraph; numbered files, padded so that they sort as they are numbered. */
const story = (n: number, text: string) => parsed({ file: `s${String(n).padStart(2, "0")}.txt`, headline: `Story ${n}`, body: [{ type: "paragraph", text }] });

describe("the archive's topics", () => {
  it("files each article under exactly the topics the table gives it, each of its kind", () => {
    const expected = Object.keys(TOPIC_PAGES).sort();
    expect(archive.topics.map((t) => t.name).sort()).toEqual(expected);
    for (const topic of archive.topics) {
      expect(topic.kind).toBe(TOPIC_PAGES[topic.name]!.kind);
      expect(topic.url).toBe(`/topic/${TOPIC_PAGES[topic.name]!.slug}/`);
      const files = fixture.filter((a) => a.topics.includes(topic.name)).map((a) => a.file);
      const listed = archive.topicPages.filter((p) => p.topic.url === topic.url).flatMap((p) => p.items.map((t) => t.url));
      const byUrl = new Map(archive.articles.map((a) => [a.url, a.file]));
      expect(listed.map((u) => byUrl.get(u)).sort()).toEqual(files.sort());
      expect(topic.count).toBe(files.length);
    }
  });

  it("puts U.S., US and United States under one topic, and a surname alone under the one person bearing it", () => {
    const us = archive.topics.find((t) => t.name === "United States")!;
    expect(us.count).toBe(3);
    // Story 7 says "President Reagan" and "Reagan's aides" only: it is Ronald Reagan's.
    const reagan = archive.topicPages.find((p) => p.topic.name === "Ronald Reagan" && p.pageNumber === null)!;
    expect(reagan.about!.count).toBe(3);
  });

  it("gives a surname alone to the person the archive names in full far more often than anyone else of the name, and to no one where two are named alike", () => {
    // Its own files' names, which the test lists below.
    const story = (n: number, text: string) => parsed({ file: `r${String(n).padStart(2, "0")}.txt`, headline: `Story ${n}`, body: [{ type: "paragraph", text }] });
    const stories = [
      ...[1, 2, 3, 4, 5].map((n) => story(n, `President Ronald Reagan met the committee on day ${n} and Reagan said talks would go on.`)),
      story(6, "First lady Nancy Reagan opened the new clinic, Mrs Reagan said in a statement."),
      ...[7, 8, 9].map((n) => story(n, `President Reagan signed the bill on day ${n}, officials said.`)),
      ...[10, 11, 12].map((n) => story(n, `Treasury Secretary James Baker met bankers on day ${n}, the department said.`)),
      ...[13, 14].map((n) => story(n, `Senator Howard Baker spoke to reporters on day ${n}, aides said.`)),
      ...[15, 16, 17].map((n) => story(n, `Secretary Baker said on day ${n} that the dollar was stable.`)),
    ];
    const built = buildArchive(stories, { pageSize: 50, siteTitle: "T", topicMinArticles: 2 });
    const filesOf = (name: string) => built.topicPages.filter((p) => p.topic.name === name).flatMap((p) => p.items.map((t) => t.url)).map((u) => built.articles.find((a) => a.url === u)!.file).sort();
    expect(filesOf("Ronald Reagan")).toEqual(["r01.txt", "r02.txt", "r03.txt", "r04.txt", "r05.txt", "r07.txt", "r08.txt", "r09.txt"]);
    expect(filesOf("James Baker")).toEqual(["r10.txt", "r11.txt", "r12.txt"]);
    expect(filesOf("Howard Baker")).toEqual(["r13.txt", "r14.txt"]);
  });

  it("files a federal body under one topic with 'U.S.' or without, and no court or ministry named by its kind alone", () => {
    const story = (n: number, text: string) => parsed({ file: `g${String(n).padStart(2, "0")}.txt`, headline: `Story ${n}`, body: [{ type: "paragraph", text }] });
    const stories = [
      story(1, "The U.S. Commerce Department said exports rose. A ruling came from the U.S. District Court in Miami."),
      story(2, "The Commerce Department said imports fell. The U.S. District Court in Houston agreed."),
      story(3, "The U.S. Department of Commerce said prices held. The Agriculture Ministry in Tokyo disagreed."),
      story(4, "The U.S. Supreme Court ruled on the case. The Agriculture Ministry in Paris agreed."),
      story(5, "The U.S. Supreme Court heard the appeal. The U.S. District Court in Boston had ruled."),
    ];
    const built = buildArchive(stories, { pageSize: 50, siteTitle: "T", topicMinArticles: 2 });
    const names = built.topics.filter((t) => t.kind === "organisation").map((t) => t.name);
    const commerce = built.topics.filter((t) => t.name.includes("Commerce"));
    expect(commerce).toHaveLength(1);
    expect(commerce[0]!.count).toBe(3);
    expect(names).toContain("U.S. Supreme Court");
    expect(names).not.toContain("U.S. District Court");
    expect(names).not.toContain("Agriculture Ministry");
  });

  /** The topics of stories of one paragraph each, named by at least two of them. */
  const topicsOfStories = (...texts: string[]): string[] =>
    buildArchive(
      texts.map((text, i) => parsed({ file: `s${i + 1}.txt`, headline: `Story ${i + 1}`, body: [{ type: "paragraph", text }] })),
      { pageSize: 50, siteTitle: "T", topicMinArticles: 2 },
    ).topics.map((t) => t.name);

  it("makes no topic of a chamber named by its kind alone, but of one named by its country", () => {
    const names = topicsOfStories(
      "The Chamber of Commerce in Vienna said exports rose. The U.S. Chamber of Commerce agreed.",
      "The Chamber of Commerce in Dhaka said imports fell. The U.S. Chamber of Commerce disagreed.",
      "The American Chamber of Commerce in The Hague met. The Chamber of Mines in Johannesburg met.",
      "The American Chamber of Commerce in Hong Kong met. The Chamber of Mines in Manila met.",
    );
    expect(names).toContain("U.S. Chamber of Commerce");
    for (const generic of ["Chamber of Commerce", "American Chamber of Commerce", "Chamber of Mines"]) expect(names).not.toContain(generic);
  });

  it("makes no topic of a utilities' commission named by its kind alone, but of one named by its state", () => {
    const names = topicsOfStories(
      "The Michigan utility said the Public Service Commission approved its rates. The Georgia Public Service Commission agreed.",
      "The New York utility said the Public Service Commission rejected its rates. The Georgia Public Service Commission disagreed.",
      "The Public Utilities Commission in Maine ruled. The Georgia Public Service Commission met.",
      "The Public Utilities Commission in Texas ruled on the plant.",
    );
    expect(names).toContain("Georgia Public Service Commission");
    for (const generic of ["Public Service Commission", "Public Utilities Commission"]) expect(names).not.toContain(generic);
  });

  it("gives a man no story of a firm's unit that bears his surname after its country's word", () => {
    const economist = [1, 2, 3].map((n) => `Prices may fall on day ${n}, said Keikichi Honda, general manager of economic research at the Bank of Tokyo Ltd. Honda said so again.`);
    const stories = [...economist, "American Honda Motor Corp said its car sales rose. Year to date, Honda said it sold 59,590 cars."];
    const found = topicIndex(publishArchive(stories.map((text, i) => parsed({ file: `h${i + 1}.txt`, headline: `Story ${i + 1}`, body: [{ type: "paragraph", text }] })), {}), 2);
    expect(found.topics.find((t) => t.name === "Keikichi Honda")?.articles.map((a) => a.file).sort()).toEqual(["h1.txt", "h2.txt", "h3.txt"]);
  });

  it("takes a commodity's oil in a table of prices for no firm, and a firm named after oil for one", () => {
    const names = topicsOfStories(...[1, 2, 3].map((n) => `Prices on day ${n}: Soybean Oil 15.5 cts, Palm Oil 340 dlrs, Heating Oil 45 cts. Shell Oil Co raised its posted price.`));
    expect(names).toContain("Shell Oil");
    for (const commodity of ["Soybean Oil", "Palm Oil", "Heating Oil"]) expect(names).not.toContain(commodity);
  });

  it("gives a name of several words the kind most of its articles show, not the kind one article shows most often", () => {
    const story = (n: number, text: string) => parsed({ file: `b${n}.txt`, headline: `Story ${n}`, body: [{ type: "paragraph", text }] });
    const stories = [
      // A firm's mark, again and again in one story: a ticker after the name.
      story(1, "Shares of Ivan Boesky <IVB> rose. Ivan Boesky <IVB> then fell, and Ivan Boesky <IVB> closed flat."),
      ...[2, 3].map((n) => story(n, `The trader, Chairman Ivan Boesky, settled the charges on day ${n}.`)),
    ];
    const built = buildArchive(stories, { pageSize: 50, siteTitle: "T", topicMinArticles: 2 });
    expect(built.topics.find((t) => t.name === "Ivan Boesky")?.kind).toBe("person");
  });

  it("takes the start of a firm's name for the firm where the archive names the firm as often and few articles show a person", () => {
    const story = (n: number, text: string) => parsed({ file: `m${n}.txt`, headline: `Story ${n}`, body: [{ type: "paragraph", text }] });
    const stories = [
      ...[1, 2, 3].map((n) => story(n, `Marine Midland Banks Inc lent ${n}00 mln dlrs.`)),
      story(4, "The loan, said Marine Midland, was approved."),
      ...[5, 6].map((n) => story(n, `Marine Midland lent ${n}0 mln dlrs more.`)),
    ];
    const built = buildArchive(stories, { pageSize: 50, siteTitle: "T", topicMinArticles: 2 });
    expect(built.topics.find((t) => t.name === "Marine Midland")?.kind).toBe("organisation");
  });

  it("gives no person a surname said with a firm's mark", () => {
    const story = (n: number, text: string) => parsed({ file: `p${n}.txt`, headline: `Story ${n}`, body: [{ type: "paragraph", text }] });
    const stories = [
      ...[1, 2, 3].map((n) => story(n, `Chairman Peter Morgan spoke on day ${n}.`)),
      story(4, "The lead manager, Morgan Inc said, priced the bond."),
      ...[5, 6].map((n) => story(n, `Morgan said rates would fall on day ${n}, economists at the bank said.`)),
    ];
    const built = buildArchive(stories, { pageSize: 50, siteTitle: "T", topicMinArticles: 2 });
    const files = built.topicPages.filter((p) => p.topic.name === "Peter Morgan").flatMap((p) => p.items.map((t) => built.articles.find((a) => a.url === t.url)!.file)).sort();
    expect(files).toEqual(["p1.txt", "p2.txt", "p3.txt", "p5.txt", "p6.txt"]);
  });

  it("files Freddie Mac as an organisation, with the Federal Home Loan Mortgage Corp", () => {
    const story = (n: number, text: string) => parsed({ file: `f${n}.txt`, headline: `Story ${n}`, body: [{ type: "paragraph", text }] });
    const built = buildArchive([story(1, "Freddie Mac said it would sell notes."), story(2, "The Federal Home Loan Mortgage Corp sold bonds.")], { pageSize: 50, siteTitle: "T", topicMinArticles: 2 });
    expect(built.topics.map((t) => [t.name, t.kind, t.count])).toContainEqual(["Freddie Mac", "organisation", 2]);
  });

  it("takes a common word that only opens an article's sentences for the word, not the firm of that name, and a known place for the place", () => {
    const story = (n: number, text: string) => parsed({ file: `n${n}.txt`, headline: `Story ${n}`, body: [{ type: "paragraph", text }] });
    const stories = [
      ...[1, 2, 3].map((n) => story(n, `Shares of Lynch <LGL> rose on day ${n}, brokers said.`)),
      ...[4, 5, 6].map((n) => story(n, `Lynch mobs were feared on day ${n}. Turkey's exports rose.`)),
    ];
    const built = buildArchive(stories, { pageSize: 50, siteTitle: "T", topicMinArticles: 2 });
    const filesOf = (name: string) => built.topicPages.filter((p) => p.topic.name === name).flatMap((p) => p.items.map((t) => t.url)).map((u) => built.articles.find((a) => a.url === u)!.file).sort();
    expect(filesOf("Lynch")).toEqual(["n1.txt", "n2.txt", "n3.txt"]);
    // "turkey" is a word too, but the gazetteer knows the country.
    expect(filesOf("Turkey")).toEqual(["n4.txt", "n5.txt", "n6.txt"]);
    // The search page's topic filter agrees with the topic's page.
    const values = (file: string) => Object.values(topicFilterValues(built.articles.find((a) => a.file === file)!)).flat();
    expect(values("n1.txt")).toContain("lynch");
    expect(values("n4.txt")).not.toContain("lynch");
  });

  it("finds through the search index's topic filters exactly each topic's articles, from values each article gives alone", () => {
    const mine = (n: number, text: string, sources: string[] = []) => parsed({ file: `f${String(n).padStart(2, "0")}.txt`, headline: `Story ${n}`, sources, ...(sources[0] && { source: sources[0] }), body: [{ type: "paragraph", text }] });
    const stories = [
      ...[1, 2, 3, 4, 5].map((n) => mine(n, `President Ronald Reagan met the committee on day ${n} and Reagan said talks would go on.`)),
      mine(6, "First lady Nancy Reagan opened the new clinic, Mrs Reagan said in a statement."),
      ...[7, 8].map((n) => mine(n, `President Reagan signed the bill on day ${n}, officials said.`)),
      // Named, but shown to be no one's: not Ronald Reagan's, though its surname is his.
      mine(9, "The Reagan plan was discussed again on Thursday by the committee of the council."),
      ...[10, 11].map((n) => mine(n, `President Bashar al-Assad met envoys on day ${n} and Assad said the talks had gone well.`)),
      mine(12, "President Assad said on Monday that the border would stay open to traffic."),
      ...[13, 14].map((n) => mine(n, `Texaco Inc said on day ${n} that Reuters had asked it about the sale.`, ["Reuters"])),
      mine(15, "Reuters reported on Friday that Texaco Inc would sell the refinery in the spring."),
    ];
    for (const min of [1, 2, 3]) {
      const articles = publishArchive(stories, {});
      const index = topicIndex(articles, min);
      expect(index.topics.map((t) => t.name)).toEqual(expect.arrayContaining(min <= 2 ? ["Ronald Reagan", "Bashar al-Assad", "Texaco"] : ["Ronald Reagan"]));
      for (const topic of index.topics) {
        const found = articles.filter((a) => (topicFilterValues(a)[topic.match.filter] ?? []).some((v) => topic.match.values.includes(v)));
        expect(found.map((a) => a.file).sort(), topic.name).toEqual(topic.articles.map((a) => a.file).sort());
      }
    }
    const reagan = topicIndex(publishArchive(stories, {}), 2).topics.find((t) => t.name === "Ronald Reagan")!;
    // The surname alone, where a story shows a person, counts: stories 7 and 8, and not 6 or 9.
    expect(reagan.articles.map((a) => a.file).sort()).toEqual(["f01.txt", "f02.txt", "f03.txt", "f04.txt", "f05.txt", "f07.txt", "f08.txt"]);
    expect(reagan.match.values).toHaveLength(2);
  });

  it("puts a person under one topic whichever form of his given name a story writes, shown as most write it, and found so by the search filter", () => {
    const stories = [
      story(1, "House Speaker Jim Wright said the bill would pass on Monday."),
      story(2, "House Speaker Jim Wright said the vote would come next week."),
      story(3, "House Speaker James Wright said the chamber would sit late."),
      story(4, "Wright said in a statement that the budget talks had failed."),
    ];
    const articles = publishArchive(stories, {});
    const { topics } = topicIndex(articles, 3);
    expect(topics.map((t) => `${t.name} ${t.kind} ${t.articles.length}`)).toEqual(["Jim Wright person 4"]);
    const wright = topics[0]!;
    // What the topic page tells the reader it is also written as.
    expect(wright.aliases).toEqual(["James Wright"]);
    const found = articles.filter((a) => (topicFilterValues(a)[wright.match.filter] ?? []).some((v) => wright.match.values.includes(v)));
    expect(found).toHaveLength(4);
    // A firm keeps its name: "Bob Evans Farms" is no Robert Evans.
    expect(topicIndex(publishArchive([1, 2, 3].map((n) => story(n, `Bob Evans Farms Inc said sales rose on day ${n}.`)), {}), 3).topics.map((t) => t.name)).toEqual(["Bob Evans Farms"]);
  });

  it("gives James Baker no story of the firms named Baker, where \"Baker said\" is a firm", () => {
    const mine = (n: number, text: string) => parsed({ file: `k${String(n).padStart(2, "0")}.txt`, headline: `Story ${n}`, body: [{ type: "paragraph", text }] });
    const stories = [
      ...[1, 2, 3].map((n) => mine(n, `Treasury Secretary James Baker met bankers on day ${n}, and Baker said the dollar was stable.`)),
      ...[4, 5].map((n) => mine(n, `Secretary Baker said on day ${n} that talks would go on.`)),
      mine(6, "Baker International Corp said it would sell a unit of Baker Oil Tools Inc. Baker said the sale needs approval."),
    ];
    const articles = publishArchive(stories, {});
    const baker = topicIndex(articles, 2).topics.find((t) => t.name === "James Baker")!;
    expect(baker.articles.map((a) => a.file).sort()).toEqual(["k01.txt", "k02.txt", "k03.txt", "k04.txt", "k05.txt"]);
    // Nor does his filter on the search page find it.
    const found = articles.filter((a) => (topicFilterValues(a)[baker.match.filter] ?? []).some((v) => baker.match.values.includes(v)));
    expect(found.map((a) => a.file).sort()).toEqual(["k01.txt", "k02.txt", "k03.txt", "k04.txt", "k05.txt"]);
  });

  it("leaves out an outlet named in its own copy, and counts it named in another's", () => {
    const story = (n: number, source: string, text: string) => parsed({ file: `o${n}.txt`, headline: `Story ${n}`, sources: [source], source, body: [{ type: "paragraph", text }] });
    const built = buildArchive(
      [
        ...[1, 2, 3].map((n) => story(n, "Reuters", `The minister told Reuters on day ${n} that talks with OPEC would go on.`)),
        ...[4, 5].map((n) => story(n, "AFP", `Reuters reported on day ${n} that OPEC had made an offer.`)),
      ],
      { pageSize: 50, siteTitle: "T", topicMinArticles: 2 },
    );
    const count = (name: string) => built.topics.find((t) => t.name === name)?.count;
    expect(count("Reuters")).toBe(2);
    expect(count("OPEC")).toBe(5);
  });

  it("takes a name before 'subsidiary', 'unit' or 'newspaper' for an organisation's, though a title came first", () => {
    const built = buildArchive(
      [1, 2, 3].map((n) => story(n, `Jack MacAllister, president of its Mountain Bell subsidiary, spoke on day ${n}, and the minister told Al-Rai al-Aam newspaper the same.`)),
      { pageSize: 50, siteTitle: "T", topicMinArticles: 2 },
    );
    const kinds = Object.fromEntries(built.topics.map((t) => [t.name, t.kind]));
    expect(kinds["Mountain Bell"]).toBe("organisation");
    expect(kinds["Al-Rai al-Aam"]).not.toBe("person");
  });

  it("keeps a firm named by a trade after adjectives, and leaves out an institution named by its kind alone", () => {
    const built = buildArchive(
      [1, 2, 3].map((n) =>
        story(n, `General Motors Corp said on day ${n} that it would cut output, American Airlines raised fares, the Central Bank held rates and the Stock Exchange closed early, while Department Stores reported sales.`),
      ),
      { pageSize: 50, siteTitle: "T", topicMinArticles: 2 },
    );
    const names = built.topics.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["General Motors", "American Airlines"]));
    for (const generic of ["Central Bank", "Stock Exchange", "Department Stores"]) expect(names).not.toContain(generic);
  });

  it("keeps a body of the whole world named by common words, under either spelling as one", () => {
    const built = buildArchive(
      [
        story(1, "The International Coffee Organization said on Monday that quotas would stay, while the Central Bank held rates."),
        story(2, "Delegates to the International Coffee Organisation met in London, and the Central Bank was silent."),
        story(3, "The International Coffee Organization ended its talks, the International Energy Agency said stocks rose and the Central Bank cut rates."),
        story(4, "The International Energy Agency said on Friday that demand would grow."),
      ],
      { pageSize: 50, siteTitle: "T", topicMinArticles: 2 },
    );
    const coffee = built.topics.find((t) => t.name.startsWith("International Coffee"));
    // One topic for both spellings, named as most of its articles name it.
    expect(coffee).toMatchObject({ name: "International Coffee Organization", kind: "organisation", count: 3 });
    expect(built.topics.find((t) => t.name === "International Energy Agency")).toMatchObject({ kind: "organisation", count: 2 });
    // Every country has a central bank: its name alone is still no one's.
    expect(built.topics.map((t) => t.name)).not.toContain("Central Bank");
  });

  it("leaves out a ministry or department named by its subject alone, and keeps one a country or the wire's usage names", () => {
    const built = buildArchive(
      [1, 2, 3].map((n) => story(n, `The Food Department said on day ${n} that imports would rise, the Commerce Department said exports fell, and the Japanese Finance Ministry was silent.`)),
      { pageSize: 50, siteTitle: "T", topicMinArticles: 2 },
    );
    const names = built.topics.map((t) => t.name);
    expect(names).not.toContain("Food Department");
    expect(names).toContain("Commerce Department");
  });

  it("puts an organisation's initials and its full name under one topic", () => {
    const built = buildArchive(
      [
        story(1, "The Central Intelligence Agency briefed the committee, and the Organization of Petroleum Exporting Countries met."),
        story(2, "The CIA declined to comment on the report, and OPEC ministers were silent."),
        story(3, "Officials of the CIA met on Monday."),
      ],
      { pageSize: 50, siteTitle: "T", topicMinArticles: 2 },
    );
    expect(built.topics.filter((t) => t.kind === "organisation").map((t) => [t.name, t.count])).toEqual([["CIA", 3], ["OPEC", 2]]);
  });

  it("gives a monarch's one name to no one of that surname", () => {
    const story = (n: number, text: string) => parsed({ file: `k${n}.txt`, headline: `Story ${n}`, body: [{ type: "paragraph", text }] });
    const stories = [...[1, 2, 3].map((n) => story(n, `Government spokesman Denis Baudouin said so on day ${n}.`)), ...[4, 5].map((n) => story(n, `King Baudouin opened the bridge on day ${n}.`))];
    const built = buildArchive(stories, { pageSize: 50, siteTitle: "T", topicMinArticles: 2 });
    const files = built.topicPages.filter((p) => p.topic.name === "Denis Baudouin").flatMap((p) => p.items.map((t) => built.articles.find((a) => a.url === t.url)!.file)).sort();
    expect(files).toEqual(["k1.txt", "k2.txt", "k3.txt"]);
  });

  it("files 'the Treasury' of a story datelined in another country's capital under no topic, and the U.S. Treasury's there under its own", () => {
    const story = (n: number, dateline: string | null, text: string) => parsed({ file: `t${n}.txt`, headline: `Story ${n}`, dateline, body: [{ type: "paragraph", text }] });
    const stories = [
      story(1, "WASHINGTON", "The Treasury said it would sell notes."),
      story(2, "NEW YORK", "The Treasury raised its borrowing estimate."),
      story(3, "LONDON", "The Treasury said Britain's budget would balance."),
      story(4, "ROME", "The Treasury sold lira bonds."),
      story(5, "LONDON", "The U.S. Treasury said it would sell notes."),
    ];
    const built = buildArchive(stories, { pageSize: 50, siteTitle: "T", topicMinArticles: 2 });
    const treasury = built.topics.find((t) => t.name.endsWith("Treasury"));
    const files = built.topicPages.filter((p) => p.topic.name === treasury?.name).flatMap((p) => p.items.map((t) => built.articles.find((a) => a.url === t.url)!.file)).sort();
    expect(files).toEqual(["t1.txt", "t2.txt", "t5.txt"]);
    // The search page's topic filter agrees with the topic's page.
    const values = (file: string) => Object.values(topicFilterValues(built.articles.find((a) => a.file === file)!)).flat();
    expect(values("t3.txt")).not.toContain("treasury");
    expect(values("t5.txt")).toContain("treasury");
  });

  it("takes no town from datelines that put it in two states", () => {
    const story = (n: number, dateline: string | null, text: string) => parsed({ file: `p${n}.txt`, headline: `Story ${n}`, dateline, body: [{ type: "paragraph", text }] });
    const towns = (second: string) =>
      buildArchive(
        [
          story(1, "QUARRYTOWN, N.J., March 2", "Prices were steady, traders said."),
          story(2, `QUARRYTOWN, ${second}, March 3`, "Prices were steady, traders said."),
          ...[10, 11].map((n) => story(n, null, `Prices in Quarrytown were steady on day ${n}, traders said.`)),
        ],
        { pageSize: 50, siteTitle: "T", topicMinArticles: 2 },
      ).topics.filter((t) => t.kind === "place").map((t) => t.name);
    expect(towns("N.J.")).toEqual(["Quarrytown"]);
    expect(towns("Ind.")).toEqual([]);
  });

  it("takes no town the text puts in two states, and one state however it is written", () => {
    const story = (n: number, dateline: string | null, text: string) => parsed({ file: `s${n}.txt`, headline: `Story ${n}`, dateline, body: [{ type: "paragraph", text }] });
    const towns = (text: string, second = "N.J.") =>
      buildArchive(
        [
          story(1, "QUARRYTOWN, N.J., March 2", "Prices were steady, traders said."),
          story(2, `QUARRYTOWN, ${second}, March 3`, "Prices were steady, traders said."),
          story(3, null, `The company has a plant in ${text}, its largest.`),
          story(4, null, "Prices in Quarrytown were steady, traders said."),
        ],
        { pageSize: 50, siteTitle: "T", topicMinArticles: 2 },
      ).topics.filter((t) => t.kind === "place").map((t) => t.name);
    expect(towns("Quarrytown, N.J.")).toEqual(["Quarrytown"]);
    expect(towns("Quarrytown, Ohio")).toEqual([]);
    // "N.J." and "New Jersey" are one state; a list of towns gives none.
    expect(towns("Quarrytown, N.J.", "New Jersey")).toEqual(["Quarrytown"]);
    expect(towns("Quarrytown, Ohio, Boston and Chicago")).toEqual(["Quarrytown"]);
  });

  it("takes a town from datelines only when two give it: a wire table's first line can read as one", () => {
    const story = (n: number, dateline: string | null, text: string) => parsed({ file: `d${n}.txt`, headline: `Story ${n}`, dateline, body: [{ type: "paragraph", text }] });
    const towns = (datelines: number) =>
      buildArchive(
        [
          ...Array.from({ length: datelines }, (_, i) => story(i, "QUARRYTOWN", `Prices were steady on day ${i}, traders said.`)),
          ...[10, 11, 12].map((n) => story(n, null, `Quarrytown managers said on day ${n} that prices were steady.`)),
        ],
        { pageSize: 50, siteTitle: "T", topicMinArticles: 2 },
      ).topics.filter((t) => t.kind === "place").map((t) => t.name);
    expect(towns(1)).toEqual([]);
    expect(towns(2)).toEqual(["Quarrytown"]);
  });

  it("needs the minimum number of articles: a name fewer articles give is no topic", () => {
    const articles = publishArchive(parsedFixture, {});
    const names = (min: number): string[] => topicIndex(articles, min).topics.map((t) => t.name);
    // Japan: stories 1 and 3; Pennzoil: story 5 alone; the White House: story 6 alone.
    expect(names(3)).not.toContain("Japan");
    expect(names(2)).toContain("Japan");
    expect(names(2)).not.toContain("Pennzoil");
    expect(names(1)).toEqual(expect.arrayContaining(["Japan", "Pennzoil", "White House"]));
    // No name of the table is given by four stories.
    expect(names(4)).toEqual([]);
  });

  it("finds the same topics on a thread of their own as on the build's thread, for the same articles", async () => {
    const articles = publishArchive(parsedFixture, {});
    for (const min of [1, 3]) {
      // `few` 0: the thread, whatever the archive's size.
      const thread = new TopicThread(2, 0);
      thread.expect(articles.length);
      const onThread = await thread.topics(articles, min);
      expect(thread.answered).toBe(true);
      const here = topicIndex(articles, min);
      expect(onThread.topics.length).toBeGreaterThan(0);
      expect(onThread.topics).toEqual(here.topics);
      // The very article objects, not copies: pages are drawn from them.
      expect(onThread.topics[0]!.articles[0]).toBe(here.topics[0]!.articles[0]);
      expect([...onThread.ofArticle].sort()).toEqual([...here.ofArticle].sort());
    }
  }, 30_000);

  it("finds from weights kept between builds the topics a new weighing finds, as articles are added, edited and removed", () => {
    const mine = (n: number, dateline: string | null, text: string, sources: string[] = []) =>
      parsed({ file: `k${String(n).padStart(2, "0")}.txt`, headline: `Story ${n}`, dateline, sources, ...(sources[0] && { source: sources[0] }), body: [{ type: "paragraph", text }] });
    const james = [1, 2, 3].map((n) => mine(n, null, `Treasury Secretary James Baker met bankers on day ${n}, the department said.`));
    const howard = [4, 5].map((n) => mine(n, "QUARRYTOWN, N.J., March 2", `Senator Howard Baker spoke to reporters on day ${n}, aides said.`));
    const secretary = [6, 7].map((n) => mine(n, "QUARRYTOWN, N.J., March 3", `Secretary Baker said on day ${n} that the dollar was stable, Reuters said.`, ["Reuters"]));
    const edited = mine(2, null, "Treasury Secretary James Baker and Texaco Inc met bankers in Quarrytown, the department said.");
    const texaco = [8, 9].map((n) => mine(n, null, `Texaco Inc said on day ${n} that it would sell the refinery, Reuters reported.`));
    // Only the first story shows Quill Harrow to be a person, by a title; edited, none does.
    const harrow = [10, 11, 12].map((n) => mine(n, null, n === 10 ? "Senator Quill Harrow visited the plant in March." : `Crowds met Quill Harrow at the plant on day ${n}.`));
    const harrowEdited = mine(10, null, "Crowds met Quill Harrow at the plant in March.");
    const weights = new TopicWeights();
    const rounds: (readonly ParsedArticle[])[] = [
      [...parsedFixture, ...james, ...howard, ...secretary, ...harrow],
      // Howard Baker's stories go: "Secretary Baker" is James Baker's now, a surname the archive gave no one.
      [...parsedFixture, ...james, ...secretary, ...harrow],
      [...parsedFixture, james[0]!, edited, james[2]!, ...secretary, ...texaco, harrowEdited, ...harrow.slice(1)],
      [...parsedFixture.slice(2), james[0]!, james[2]!, ...howard, ...texaco],
      [],
      [...james, ...secretary],
    ];
    const ownsSurname: boolean[] = [];
    const harrowFound: boolean[] = [];
    for (const [round, stories] of rounds.entries()) {
      const articles = publishArchive(stories, {});
      for (const min of [2, 1]) {
        const kept = weights.index(articles, min);
        const fresh = topicIndex(articles, min);
        expect(kept.topics, `round ${round}, minimum ${min}`).toEqual(fresh.topics);
        expect([...kept.ofArticle].sort(), `round ${round}, minimum ${min}`).toEqual([...fresh.ofArticle].sort());
        if (min !== 2) continue;
        ownsSurname.push(kept.topics.find((t) => t.name === "James Baker")?.articles.some((a) => a.file === "k06.txt") ?? false);
        harrowFound.push(kept.topics.some((t) => t.name === "Quill Harrow"));
      }
    }
    // What the archive as a whole says changed between rounds, not only each article's own names.
    expect(ownsSurname).toEqual([false, true, true, false, false, true]);
    expect(harrowFound).toEqual([true, true, false, false, false, false]);
  });

  it("fails the build with the weighing's error when it fails on the thread, and lets the thread go", async () => {
    const thread = new TopicThread(2, 0);
    thread.expect(1);
    // Names the parse cache could never hold: the weighing throws on the thread.
    const broken = [{ ...publishArchive(parsedFixture, {})[0]!, mentions: null as unknown as Article["mentions"] }];
    await expect(thread.topics(broken, 1)).rejects.toThrow(/null/u);
    expect(thread.answered).toBe(false);
  }, 30_000);

  it("leaves out a name whose kind the archive does not show", () => {
    const built = buildArchive(
      [1, 2, 3].map((n) => story(n, `Star Wars was discussed again at the meeting on day ${n}, the committee heard from its members.`)),
      { pageSize: 10, siteTitle: "T" },
    );
    expect(built.topics.map((t) => t.name)).not.toContain("Star Wars");
  });

  it("shows a place by the name its stories give it, and by the gazetteer's where one does", () => {
    const zaire = [1, 2, 3].map((n) => story(n, `Copper exports from Zaire rose on day ${n}, the ministry said.`));
    expect(buildArchive(zaire, { pageSize: 10, siteTitle: "T" }).topics.map((t) => t.name)).toEqual(["Zaire"]);
    const us = [story(1, "The U.S. said it would act."), story(2, "The U.S. agreed to the talks."), story(3, "The United States said so.")];
    expect(buildArchive(us, { pageSize: 10, siteTitle: "T" }).topics.map((t) => `${t.name} ${t.count}`)).toEqual(["United States 3"]);
    expect(topicIndex(publishArchive(us, {}), 3).topics[0]!.aliases).toEqual(["U.S."]);
    // Formosa, Taiwan's old name, is an Argentine province in the news.
    const formosa = [1, 2, 3].map((n) => story(n, `Rains in the province of Formosa hurt the crop on day ${n}, growers in Argentina said.`));
    expect(buildArchive(formosa, { pageSize: 10, siteTitle: "T" }).topics.map((t) => t.name)).toEqual(["Argentina"]);
    // Initials are no name to show: "U.S." alone still shows "United States".
    const initials = [1, 2, 3].map((n) => story(n, `The U.S. said on day ${n} it would act.`));
    expect(buildArchive(initials, { pageSize: 10, siteTitle: "T" }).topics.map((t) => t.name)).toEqual(["United States"]);
  });

  it("takes a person whose surname is a place's name for a person, and the surname alone after it for him", () => {
    const built = buildArchive(
      [1, 2, 3].map((n) => story(n, `Finance Minister Roger Douglas presented the budget on day ${n}. Douglas said the deficit would fall. Douglas said taxes would not rise.`)),
      { pageSize: 10, siteTitle: "T" },
    );
    expect(built.topics.map((t) => `${t.name} ${t.kind} ${t.count}`)).toEqual(["Roger Douglas person 3"]);
  });

  it("takes a firm named after its founder for a firm, not a person, where its full name shows it", () => {
    const built = buildArchive(
      [
        story(1, "Prices will rise again this year, Dean Witter said in a note to its clients on Monday."),
        story(2, "Orders were strong in the quarter, Dean Witter said in its weekly review of the market."),
        story(3, "The shares were sold through Dean Witter Reynolds Inc, which managed the offering for the company."),
      ],
      { pageSize: 10, siteTitle: "T", topicMinArticles: 2 },
    );
    expect(built.topics.find((t) => t.name === "Dean Witter")?.kind).toBe("organisation");
    expect(built.topics.filter((t) => t.kind === "person")).toEqual([]);
  });

  it("gives an archive smaller than the minimum the topics of its every article", () => {
    const one = buildArchive([parsedFixture[2]!], { pageSize: 10, siteTitle: "T" });
    // Story 3 names Japan in its headline, too.
    expect(one.topics.map((t) => t.name).sort()).toEqual(["Bank of Japan", "James Baker", "Japan", "Tokyo", "United States"]);
  });

  it("links an article's main topics, those its lead names first, and at most eight", () => {
    const page = archive.articlePages.find((p) => p.file === "topics/story-3.txt")!;
    expect(page.topics.map((t) => t.topic.name).sort()).toEqual(["Bank of Japan", "James Baker", "Tokyo", "United States"]);
    const story7 = archive.articlePages.find((p) => p.file === "topics/story-7.txt")!;
    // "Reagan to veto the highway bill": the headline names him.
    expect(story7.topics[0]!.topic.name).toBe("Ronald Reagan");
    expect(story7.topics[0]!.lead).toBe(true);
    for (const p of archive.articlePages) expect(p.topics.length).toBeLessThanOrEqual(8);
  });

  it("paginates a topic like a section front: the newest on the front, older pages numbered from the oldest", () => {
    const onePerPage = buildArchive(parsedFixture, { pageSize: 1, siteTitle: "Test Gazette" });
    const texaco = onePerPage.topicPages.filter((p) => p.topic.name === "Texaco");
    // Stories 8, 5 and 4, newest first.
    expect(texaco.map((p) => [p.url, p.items.map((t) => t.date)])).toEqual([
      ["/topic/texaco/", ["1987-07-01"]],
      ["/topic/texaco/page/2/", ["1987-04-14"]],
      ["/topic/texaco/page/1/", ["1987-03-20"]],
    ]);
    expect(texaco[0]!.about).toMatchObject({ count: 3, firstDate: "1987-03-20", lastDate: "1987-07-01" });
    expect(texaco.slice(1).every((p) => p.about === null)).toBe(true);
  });

  it("keeps a topic of 10,000 articles light: 30 articles a page", () => {
    const many: Topic = { name: "Texaco", kind: "organisation", slug: "texaco", url: "/topic/texaco/", aliases: [], match: { filter: "topic-0", values: ["texaco"] }, articles: Array.from({ length: 10_000 }, (_, i) => ({ ...archive.articles[0]!, url: `/a/${i}/`, date: iso(`19${String(10 + (i % 80)).padStart(2, "0")}-01-01`) })) };
    const pages = topicPages({ topics: [many], ofArticle: new Map() }, 30);
    expect(pages).toHaveLength(Math.floor(10_000 / 30));
    expect(Math.max(...pages.map((p) => p.items.length))).toBeLessThan(60);
    expect(pages.reduce((n, p) => n + p.items.length, 0)).toBe(10_000);
  });

  it("counts companions among each article's main topics only: three articles naming the same 8,000 firms stay cheap", () => {
    const firms = Array.from({ length: 8_000 }, (_, i) => `Zq${i}x Corp`).join(", and ");
    const started = performance.now();
    const built = buildArchive(
      [1, 2, 3].map((n) => parsed({ file: `f${n}.txt`, headline: `Story ${n}`, body: [{ type: "paragraph", text: `${firms} said so.` }] })),
      { pageSize: 10, siteTitle: "T" },
    );
    expect(built.topics).toHaveLength(8_000);
    for (const front of built.topicPages.filter((p) => p.about)) expect(front.about!.companions.length).toBeLessThanOrEqual(10);
    // Counting every pair, 4,000 firms took 3.8 s and 1.1 GB; 8,000 four times that.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("keeps of a topic's many companions the ten a sort would put first, ties and all", () => {
    // Counts with many ties, as a large topic's companions have; names tell the ties apart.
    let seed = 7;
    const random = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed % n);
    const order = (a: { count: number; name: string }, b: { count: number; name: string }): number => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const size of [0, 1, 9, 10, 11, 500]) {
      const items = Array.from({ length: size }, (_, i) => ({ count: 1 + random(4), name: `n${random(1000)}-${i}` }));
      for (const n of [0, 1, 10]) expect(firstInOrder(items, n, order), `${n} of ${size}`).toEqual([...items].sort(order).slice(0, n));
    }
  });

  it("names the topics most often named with a topic", () => {
    const baker = archive.topicPages.find((p) => p.topic.name === "James Baker" && p.about)!;
    // Stories 1, 3, 7: United States twice, Tokyo, Bank of Japan and Ronald Reagan once.
    expect(baker.about!.companions.map((c) => [c.name, c.count])).toEqual([["United States", 2], ["Bank of Japan", 1], ["Ronald Reagan", 1], ["Tokyo", 1]]);
  });

  it("gives each topic a feed of headlines, not full text", () => {
    expect(archive.topicFeeds.map((f) => f.atomUrl).sort()).toEqual(Object.values(TOPIC_PAGES).map((t) => `/topic/${t.slug}/feed.xml`).sort());
    expect(archive.topicFeeds.every((f) => !f.fullText)).toBe(true);
    // Entries are plain data, with no body to read: they cross to drawing threads as they are.
    for (const f of archive.topicFeeds) {
      for (const e of f.articles) {
        expect(e).not.toHaveProperty("body");
        expect(structuredClone(e)).toEqual(e);
      }
    }
    expect(archive.feeds.every((f) => f.fullText)).toBe(true);
  });

  it("files topics by kind and letter, people by surname", () => {
    const people = archive.topicIndexPages.filter((p) => p.kind === "person");
    // James Baker under B, Ronald Reagan under R.
    expect(people.map((p) => p.url)).toEqual(["/topics/people/", "/topics/people/b/", "/topics/people/r/"]);
    expect(people[0]!.letters.map((l) => [l.letter, l.count])).toEqual([["B", 1], ["R", 1]]);
    expect(filingName({ name: "Paul Volcker", kind: "person" })).toBe("Volcker Paul");
    expect(filingName({ name: "Bashar al-Assad", kind: "person" })).toBe("Assad Bashar al-");
    expect(filingName({ name: "Martin Luther King Jr", kind: "person" })).toBe("King Martin Luther Jr");
    expect(filingName({ name: "Bank of Japan", kind: "organisation" })).toBe("Bank of Japan");
    expect(letterOf("Érdoğan")).toBe("E");
    expect(letterOf("3Com")).toBe("#");
  });
});

describe("a topic's timeline", () => {
  it("spans every month from the first to the last, a bar for each month with articles, the busiest the tallest", () => {
    const t = timeline([iso("2017-11-05"), iso("2017-11-20"), iso("2018-02-01")]);
    expect(t.bars.map((b) => [b.month, b.count])).toEqual([["2017-11", 2], ["2018-02", 1]]);
    // Four months wide: December and January are the gap between the bars.
    expect(t.bars.map((b) => b.x / (t.width / 4))).toEqual([0, 3]);
    expect(t.bars[0]!.height).toBe(t.height);
    expect(t.bars[1]!.height).toBe(t.height / 2);
    expect(t.bars.every((b) => b.y + b.height === t.height)).toBe(true);
  });

  it("is drawn wide enough to read whatever the span, a month never thinner than 12 px nor wider than 48", () => {
    const spanning = (months: number): number => {
      const last = new Date(Date.UTC(2000, months - 1, 1)).toISOString().slice(0, 10);
      return timeline([iso(last), iso("2000-01-01")]).pixels;
    };
    // A single month: one bar, not a block across the page.
    expect(spanning(1)).toBe(48);
    // Nine months (an archive of one year): 48 px a month, where 12 px made it 108 px wide.
    expect(spanning(9)).toBe(9 * 48);
    // Two to five years: the chart's own width, shared among the months.
    expect(spanning(24)).toBe(720);
    expect(spanning(60)).toBe(720);
    // Twenty years: 12 px a month; the page's column shrinks it to fit.
    expect(spanning(240)).toBe(240 * 12);
  });
});
