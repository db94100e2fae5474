import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeMentions, encodeMentions, mentionsOf, type EncodedMentions, type Mention } from "../../src/article/mentions.js";
import { parseOk } from "./helpers.js";

/** The names found in prose, as one paragraph of an article with a plain headline. */
function names(...paragraphs: string[]): string[] {
  return mentions(...paragraphs).map((m) => m.name).sort();
}

function mentions(...paragraphs: string[]): Mention[] {
  return mentionsOf({ headline: "A story", standfirst: null, body: paragraphs.map((text) => ({ type: "paragraph", text })) });
}

const named = (name: string, ...paragraphs: string[]): Mention | undefined => mentions(...paragraphs).find((m) => m.name === name);

describe("the names an article mentions", () => {
  it("finds, on the seed article, its people and places, and no month, weekday or title alone", () => {
    const seed = parseOk(readFileSync("articles/000_2b75a7af945c25a9.txt", "utf8"));
    const found = decodeMentions(seed.mentions).map((m) => m.name);
    for (const name of ["Rex Tillerson", "Sergei Lavrov", "Vladimir Putin", "Bashar al-Assad", "Moscow", "Syria", "Russia"]) expect(found).toContain(name);
    const alone = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|President|Minister|Secretary|Foreign Minister|Secretary of State)$/u;
    expect(found.filter((n) => alone.test(n))).toEqual([]);
  });

  it("cuts a title off a name, and counts it as a sign of a person", () => {
    expect(names("US Secretary of State Rex Tillerson arrived on Tuesday.")).toEqual(["Rex Tillerson", "US"]);
    expect(names("Russian Foreign Minister Sergei Lavrov spoke first.")).toEqual(["Sergei Lavrov"]);
    expect(named("Paul Volcker", "Federal Reserve Board Chairman Paul Volcker said rates would hold.")?.personCues).toBe(1);
    expect(names("Chancellor of the Exchequer Nigel Lawson spoke.")).toEqual(["Nigel Lawson"]);
    // A person of an organisation, and an organisation whose name opens with a title's word.
    expect(names("Chairman Paul Volcker of the Federal Reserve Board said rates would hold.")).toEqual(["Federal Reserve Board", "Paul Volcker"]);
    expect(names("Bank of Japan Governor Satoshi Sumita said so.")).toEqual(["Bank of Japan", "Satoshi Sumita"]);
    expect(names("A report by the Economist Intelligence Unit said so.")).toEqual(["Economist Intelligence Unit"]);
  });

  it("takes a name after 'said' for the speaker, not for what was said of a firm", () => {
    // The subject of what analysts said: a firm, no person.
    expect(named("Jardine Matheson", "Analysts said Jardine Matheson will pay a higher dividend.")?.personCues).toBe(0);
    // The speaker, and a man whatever follows his given name.
    expect(named("Rex Tillerson", "\"The talks are over,\" said Rex Tillerson, the secretary of state.")?.personCues).toBe(1);
    expect(named("Dennis Levine", "Prosecutors said Dennis Levine pleaded guilty on Friday.")?.personCues).toBe(1);
    // A role before the name: "investor", "financier", as "analyst".
    expect(named("Asher Edelman", "It was formed by New York investor Asher Edelman last year.")?.personCues).toBe(1);
  });

  it("names the body after an office of it, and no office", () => {
    expect(names("Jorio Dauster, President of the Brazilian Coffee Institute, spoke.")).toEqual(["Brazilian Coffee Institute", "Jorio Dauster"]);
    expect(named("Bank of England", "He met the Governor of the Bank of England.")?.personCues).toBe(0);
    expect(names("The Paris Club of Western creditor governments agreed.")).toEqual(["Paris Club"]);
    expect(names("He studied at the University of Southern California.")).toEqual(["University of Southern California"]);
  });

  it("counts no capital for a town of a US state that bears its name", () => {
    expect(names("The plant is in Athens, Ohio, and Cairo, Ill.")).not.toEqual(expect.arrayContaining(["Athens"]));
    expect(names("The plant is in Athens, Ohio, and Cairo, Ill.")).not.toEqual(expect.arrayContaining(["Cairo"]));
    expect(names("He held talks in Athens, with Greece, and went to Washington, D.C.")).toEqual(["Athens", "Greece", "Washington"]);
    // The capital of a country named as a state is: "Tbilisi, Georgia".
    expect(names("He flew to Tbilisi, Georgia, on Monday.")).toEqual(["Georgia", "Tbilisi"]);
  });

  it("counts a surname written first, as Korea and China write it, for the one person whose name it begins", () => {
    expect(names("Deputy Prime Minister Kim Mahn-je spoke. Kim said the won would rise.")).toEqual(["Kim Mahn-je"]);
    // Two of them: the surname is left to the archive.
    expect(names("Minister Kim Mahn-je met Governor Kim Kun. Kim said so.")).toEqual(["Kim", "Kim Kun", "Kim Mahn-je"]);
  });

  it("names no class of shares or notes", () => {
    expect(names("It sold Series B preferred shares and Class A stock.")).toEqual([]);
  });

  it("counts a surname used alone for the full name the article gave", () => {
    const tillerson = named("Rex Tillerson", "Rex Tillerson met officials.", "Later, Tillerson said the talks went well.", "Tillerson left.");
    expect(tillerson?.count).toBe(3);
    expect(names("Rex Tillerson met officials.", "Tillerson said so.")).toEqual(["Rex Tillerson"]);
    expect(named("Bashar al-Assad", "Its ally Bashar al-Assad spoke.", "Support for Assad grew.")?.count).toBe(2);
  });

  it("takes a word that begins several firms of the article for a firm, never for a person the archive gives the surname to", () => {
    // Baker International's story: "Baker said" is the firm, not James Baker.
    const story = ["Baker International Corp said it would sell a unit of Baker Oil Tools Inc.", "Baker said the sale needs approval.", "The boards of Baker and Hughes must agree."];
    expect(names(...story)).toEqual(["Baker", "Baker International", "Baker Oil Tools", "Hughes"]);
    expect(mentions(...story).find((m) => m.name === "Baker")).toMatchObject({ count: 2, personCues: 0, saidCues: 0 });
    // Named as a firm itself, beside two of its own: that firm, and no person.
    const chrysler = ["Chrysler Corp said its units Chrysler Motors Corp and Chrysler Financial Corp did well.", "Chrysler said sales rose."];
    expect(names(...chrysler)).toEqual(["Chrysler", "Chrysler Financial", "Chrysler Motors"]);
    expect(mentions(...chrysler).find((m) => m.name === "Chrysler")).toMatchObject({ count: 2, personCues: 0, saidCues: 0 });
    // One firm of the word: the word is that firm, as before.
    expect(named("Geodyne Resources", "Geodyne Resources Inc said it would sell a unit.", "Geodyne said the sale needs approval.")?.count).toBe(2);
    // A person of the surname among the firms: left to the archive, as any surname two names share.
    expect(names("James Baker met Baker Hughes Inc officials.", "Baker said the talks went well.")).toEqual(["Baker", "Baker Hughes", "James Baker"]);
  });

  it("counts a place's name for the person of that surname where the article makes it speak, and for the place otherwise", () => {
    expect(names("Finance Minister Roger Douglas spoke. Douglas said the deficit would fall.")).toEqual(["Roger Douglas"]);
    expect(names("Finance Minister Roger Douglas flew to Douglas on the Isle of Man.")).toEqual(["Douglas", "Isle of Man", "Roger Douglas"]);
  });

  it("leaves a surname holding an office to the archive when the article's full name of it holds none", () => {
    // A story of President Reagan that names Nancy Reagan once: the President is not she.
    expect(names("President Reagan met reporters.", "Nancy Reagan stayed in California.", "Reagan said the budget would pass.")).toEqual(["California", "Nancy Reagan", "Reagan"]);
    // A form of address is no office: Mrs Reagan is the Nancy Reagan of the story.
    expect(named("Nancy Reagan", "Nancy Reagan opened the clinic.", "Mrs Reagan said it would help.", "Mrs. Reagan left.")?.count).toBe(3);
    // Given the office in full, the surname is the office holder's, with or without it.
    expect(named("Ronald Reagan", "President Ronald Reagan met officials.", "President Reagan said the talks went well.", "Reagan left.")?.count).toBe(3);
    expect(named("Rex Tillerson", "Secretary of State Rex Tillerson met officials.", "Tillerson said the talks went well.")?.count).toBe(2);
    // Given another office, as given a form of address or none, she is still not the President.
    expect(names("President Reagan met reporters.", "First Lady Nancy Reagan stayed in California.")).toEqual(["California", "Nancy Reagan", "Reagan"]);
    // Nor is the headline in capitals hers by the surname.
    const headline = mentionsOf({ headline: "REAGAN SEES NO DEAL", standfirst: null, body: [{ type: "paragraph", text: "President Reagan met reporters." }, { type: "paragraph", text: "Nancy Reagan stayed home." }] });
    expect(headline.map((m) => [m.name, m.count, m.lead])).toEqual([["Reagan", 2, true], ["Nancy Reagan", 1, false]]);
  });

  it("drops possessives", () => {
    expect(names("Reagan's budget went to the Senate.")).toEqual(["Reagan", "Senate"]);
    expect(names("It was Moscow’s answer.")).toEqual(["Moscow"]);
    // Inside a firm's name it stays: the name is Moody's, not Moody.
    expect(names("The bonds were rated by Moody's Investors Service Inc.")).toEqual(["Moody's Investors Service"]);
  });

  it("counts a name in an all-capitals headline only where the text spells it out", () => {
    const found = mentionsOf({ headline: "REAGAN SEES NO TAX RISE IN TEXAS", standfirst: null, body: [{ type: "paragraph", text: "President Ronald Reagan said in Texas that taxes would not rise." }] });
    expect(found.map((m) => m.name).sort()).toEqual(["Ronald Reagan", "Texas"]);
    expect(found.find((m) => m.name === "Ronald Reagan")).toMatchObject({ count: 2, lead: true });
    // No name comes from the capitals alone: "SEES", "NO", "TAX" are not names.
    expect(mentionsOf({ headline: "TEXACO SEES LOWER NET", standfirst: null, body: [{ type: "paragraph", text: "The company said profits fell." }] })).toEqual([]);
  });

  it("keeps initials, hyphens and accents inside a name", () => {
    expect(names("Analyst Martin S. Ackerman said so.")).toEqual(["Martin S. Ackerman"]);
    expect(names("Said Mr Jean-Marc Vernes, chairman.")).toContain("Jean-Marc Vernes");
    expect(names("Turkish premier Recep Tayyip Erdoğan spoke in Ankara.")).toEqual(["Ankara", "Recep Tayyip Erdoğan"]);
    expect(names("The order went to 3Com Corp and 7-Eleven Inc.")).toEqual(["3Com", "7-Eleven"]);
  });

  it("drops the words that open a sentence, and nationalities in front of a name", () => {
    expect(names("In Moscow, talks began.")).toEqual(["Moscow"]);
    expect(names("But Tillerson said no.")).toEqual(["Tillerson"]);
    expect(names("The West German Bundesbank held rates.")).toEqual(["Bundesbank"]);
    // A nationality stays in an organisation's name.
    expect(names("Shares of British Airways rose.")).toEqual(["British Airways"]);
  });

  it("never takes a month, a weekday or a title alone for a name", () => {
    expect(names("On Tuesday, in March, the Minister said the President would come in May.")).toEqual([]);
  });

  it("splits names joined by 'and', but not an organisation's own 'and'", () => {
    expect(names("Tillerson and Lavrov met.")).toEqual(["Lavrov", "Tillerson"]);
    expect(names("It told the Securities and Exchange Commission.")).toEqual(["Securities and Exchange Commission"]);
    expect(names("Carolina Power and Light Co said so.")).toEqual(["Carolina Power and Light"]);
    expect(names("It met the Bank of Japan and Bank of England.")).toEqual(["Bank of England", "Bank of Japan"]);
  });

  it("marks organisations by their suffixes and tickers, and drops the legal suffix", () => {
    const texaco = named("Texaco", "Texaco Inc said it would appeal.");
    expect(texaco?.organisationCues).toBe(1);
    expect(named("Geodyne Resources", "Geodyne Resources <GEOD> said it will sell units.")?.organisationCues).toBe(1);
    expect(names("Goldman, Sachs and Co led the offer.")).toEqual(["Goldman Sachs"]);
  });

  it("keeps a firm's name whole across its partners' commas, and names no piece of it", () => {
    expect(names("Its auditor, Peat, Marwick, Mitchell and Co, withdrew.")).toEqual(["Peat Marwick Mitchell"]);
    expect(names("Merrill Lynch, Pierce, Fenner and Smith Inc led it.")).toEqual(["Merrill Lynch Pierce Fenner and Smith"]);
    // A list of places ends in no legal suffix: still three names.
    expect(names("He flew to Paris, Bonn, Rome and Madrid.")).toEqual(["Bonn", "Madrid", "Paris", "Rome"]);
  });

  it("names nothing by the words after a firm's inner legal suffix", () => {
    expect(names("Swiss Bank Corp International Asia Inc will lead it.")).toEqual(["Swiss Bank"]);
    expect(names("Alan Bond, chairman of <Bond Corp International Ltd>, was not charged.")).toEqual(["Alan Bond", "Bond Corp"]);
    // A ticker with its exchange is a ticker too, no name.
    expect(names("Sweden's L.M. Ericsson <ERIC ST> said so.")).toEqual(["L.M. Ericsson", "Sweden"]);
    // A suffix that opens a name ends none ("AB Volvo"), and a full stop after one may end a sentence.
    expect(names("The buyer is AB Volvo.")).toEqual(["Volvo"]);
    expect(names("They sued Texaco Inc. Pennzoil Co said so.")).toEqual(["Pennzoil", "Texaco"]);
  });

  it("keeps a firm's old abbreviated given name, and an Italian 'e', inside its name", () => {
    expect(names("Service Resources sold its Chas. P. Young Co unit.")).toEqual(["Chas. P. Young", "Service Resources"]);
    expect(names("It sold it to <Banca di Calabria e Lucania> on Monday.")).toEqual(["Banca di Calabria e Lucania"]);
  });

  it("keeps a firm's name in the wire's angle brackets whole, and marks it a firm's", () => {
    expect(named("Regie Nationale des Usines Renault", "Chrysler said it and <Regie Nationale des Usines Renault> agreed.")?.organisationCues).toBe(1);
    expect(names("It sold its unit to <Cie Generale d'Electricite> in Paris.")).toEqual(["Cie Generale d'Electricite", "Paris"]);
  });

  it("gives a person no firm's cue from the bracket of the firm named after him", () => {
    // The bracket opens another firm's name; a ticker (`<MTS>`) is what marks the name before it.
    expect(named("Kerry Packer", "It bought the stations from Kerry Packer's <Consolidated Press Holdings Ltd> last year.")?.organisationCues).toBe(0);
    expect(named("Martin Sosnoff", "News that Martin Sosnoff's <MTS Acquisition Corp> held talks.")?.organisationCues).toBe(0);
  });

  it("reads no name from a dateline, which the parser has taken off the text", () => {
    const article = parseOk(" date 1987-03-04 GENERAL NEWS\nFIRM TO BUY STOCK\nHOUSTON, March 4 - The company said it would buy back stock from its holders.\nReuters\n");
    expect(article.dateline).toBe("HOUSTON, March 4");
    expect(decodeMentions(article.mentions)).toEqual([]);
  });

  it("reads a line of 200,000 capitalised words in linear time, and finds no name in it", () => {
    const started = performance.now();
    expect(names(`${"Word ".repeat(200_000)}end.`)).toEqual([]);
    // Quadratic, this took minutes.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("reads a word ending in 300,000 hyphens, and a capitals headline of 360,000 words against 30,000 names, in linear time", () => {
    let started = performance.now();
    expect(names(`Officials met A${"-".repeat(300_000)}b on Tuesday.`).length).toBeLessThanOrEqual(1);
    expect(performance.now() - started).toBeLessThan(5_000);
    started = performance.now();
    const firms = Array.from({ length: 30_000 }, (_, i) => `Zq${i}x Corp`).join(", and ");
    const found = mentionsOf({ headline: "ALPHA BETA ".repeat(180_000), standfirst: null, body: [{ type: "paragraph", text: `${firms} said.` }] });
    expect(found.length).toBe(30_000);
    // Quadratic, each took tens of seconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("reads 20,000 people and 20,000 surnames said alone in linear time", () => {
    const started = performance.now();
    const people = Array.from({ length: 20_000 }, (_, i) => `Minister Qa${i}x Rb${i}y spoke.`).join(" ");
    const alone = Array.from({ length: 20_000 }, (_, i) => `Sc${i}z said so.`).join(" ");
    expect(mentions(people, alone)).toHaveLength(40_000);
    // Searching every name for each surname alone, this took minutes.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("reads a cache line cut short to its end, and no further", () => {
    expect(decodeMentions("" as EncodedMentions)).toEqual([]);
    expect(decodeMentions("Texaco" as EncodedMentions)).toEqual([]);
    expect(decodeMentions("Texaco\t2\t1\t0\t3\t0\t1\nPennzoil" as EncodedMentions)).toEqual([{ name: "Texaco", count: 2, personCues: 1, saidCues: 0, organisationCues: 3, afterThe: 0, lead: true, opensOnly: false, within: "" }]);
  });

  it("keeps its mentions through the parse cache's encoding", () => {
    const found = mentions("Secretary of State Rex Tillerson met Russian Foreign Minister Sergei Lavrov in Moscow.", "Tillerson said Texaco Inc would pay.", "News of the deal spread.", "It has a plant in Naples, Fla., and one in Moscow.");
    expect(found.some((m) => m.opensOnly)).toBe(true);
    expect(found.find((m) => m.name === "Naples")?.within).toBe("florida");
    expect(decodeMentions(encodeMentions(found))).toEqual(found);
  });

  it("marks a word written only as a sentence's first, with nothing to show it a name", () => {
    expect(named("News", "News of the meeting spread fast.")?.opensOnly).toBe(true);
    expect(named("Discount", "Discount fares may spread. Discount fares are popular.")?.opensOnly).toBe(true);
    // Once anywhere else, or with a cue, or in the headline, it is as likely a name.
    expect(named("Texaco", "Shares of Texaco Inc rose.", "Texaco of course gained.")?.opensOnly).toBe(false);
    expect(named("Boeing", "Boeing said it would hire.")?.opensOnly).toBe(false);
    expect(mentionsOf({ headline: "NEWS CORP BUYS PAPER", standfirst: null, body: [{ type: "paragraph", text: "News of the deal spread." }] }).find((m) => m.name === "News")?.opensOnly).toBe(false);
    // Two words are a name wherever they stand.
    expect(named("Rupert Murdoch", "Rupert Murdoch bought the paper.")?.opensOnly).toBe(false);
  });

  it("reads a firm whose first word opened the sentence as that firm, where the article names it", () => {
    expect(names("First Boston Corp said it placed the bonds.")).toEqual(["First Boston"]);
    // "First" goes as any opener does, but the article names First Boston: it is the firm.
    expect(named("First Boston", "The bonds were sold by First Boston Corp.", "First Boston won them in bidding.")?.count).toBe(2);
    expect(names("The bonds were sold by First Boston Corp.", "First Boston won them in bidding.")).not.toContain("Boston");
    // Elsewhere "First" opens a sentence and is no name: Boston is the city.
    expect(names("First Boston voters went to the polls.")).toEqual(["Boston"]);
    expect(names("One of Ford Motor Co's distributors said so.")).toEqual(["Ford Motor"]);
  });

  it("gives no cue of a person to a word that ends one firm's name and begins another's", () => {
    const morgan = named("Morgan", "J.P. Morgan and Co Inc, parent of Morgan Guaranty Trust Co, acted.", "Morgan said it would place the loans on nonaccrual.");
    expect(morgan?.saidCues).toBe(0);
    // A person of the name beside a firm of it keeps it: the surname may be either.
    expect(named("Morgan", "Economist Peter Morgan of Morgan Guaranty Trust Co spoke.", "Morgan said rates would rise.")?.saidCues).toBe(1);
  });

  it("keeps the people of a trade's possessive inside a body's name, and no firm's", () => {
    expect(names("Nikkeiren, the Japan Federation of Employers' Associations, said so.")).toContain("Japan Federation of Employers' Associations");
    expect(names("The National Coffee Growers' Federation set no limit.")).toEqual(["National Coffee Growers' Federation"]);
    expect(names("General Motors' Hughes Aircraft Co won the order.")).toEqual(["General Motors", "Hughes Aircraft"]);
    expect(names("He joined Salomon Brothers' Capital Markets group.")).not.toContain("Salomon Brothers' Capital Markets");
  });

  it("keeps a body's 'and' before the title of its chairman", () => {
    expect(names("House Ways and Means Committee Chairman Dan Rostenkowski said so.")).toEqual(["Dan Rostenkowski", "House Ways and Means Committee"]);
    const two = names("He met Federal Reserve Board Chairman Paul Volcker and U.S. Treasury Secretary James Baker.");
    expect(two).toContain("Paul Volcker");
    expect(two).toContain("James Baker");
  });

  it("reads a commission 'on' its subject whole, but not a day after a body's name", () => {
    expect(names("The Presidential Commission on Good Government said so.")).toEqual(["Presidential Commission on Good Government"]);
    expect(names("The Commerce Department on Tuesday said so.")).toEqual(["Commerce Department"]);
  });

  it("finds no name in a treaty's, nor an organisation in a reactor's, and parts a body from a country", () => {
    expect(names("Under the Treaty of Rome, members agree.")).toEqual([]);
    expect(named("Palo Verde", "Palo Verde Unit 1 began loading fuel.")?.organisationCues).toBe(0);
    expect(names("The Group of Five and Canada met.")).toEqual(["Canada", "Group of Five"]);
  });

  it("reads a place bracketed before a firm's suffix as part of the firm's name, and a name before 'river' or 'lock' as the waterway's", () => {
    expect(names("The notes of Morgan Stanley (Jersey) Ltd were priced.")).toEqual(["Morgan Stanley"]);
    expect(names("Jardine Fleming (Securities) Ltd said so.")).toEqual(["Jardine Fleming"]);
    // Not any bracketed name: an acronym after its full name is one.
    expect(names("The Organization of Petroleum Exporting Countries (OPEC) met.")).toContain("OPEC");
    expect(names("It was found between the Cenepa and Santiago rivers.")).toEqual([]);
    expect(names("It waited at the Peoria lock on the Illinois River.")).toEqual(["Illinois River"]);
    expect(names("It moved through Peoria on Tuesday.")).toEqual(["Peoria"]);
  });

  it("keeps firms named with an abbreviated given name, two places or a trust's suffix whole, and finds no name in an acronym's plural", () => {
    expect(names("Underwriters led by Alex. Brown and Sons Inc priced it.")).toContain("Alex. Brown and Sons");
    expect(names("Australia and New Zealand Banking Group Ltd said so.")).toEqual(["Australia and New Zealand Banking Group"]);
    expect(names("It was Japan and the World Bank.")).toEqual(["Japan", "World Bank"]);
    expect(names("The loan came from Bank of America NT and SA, it said.")).toEqual(["Bank of America"]);
    expect(names("It would end the MCAs and the CTs by May.")).toEqual([]);
  });

  it("takes a treasury's paper for no name of its treasury", () => {
    expect(names("Rates on Treasury bills fell, and U.S. Treasury bonds rose.")).toEqual([]);
    expect(names("Treasury Secretary James Baker said the Treasury would act.")).toEqual(["James Baker", "Treasury"]);
  });

  it("takes a monarch's one name for no one's surname", () => {
    expect(named("Baudouin", "It was opened by King Baudouin on Monday.")?.personCues).toBe(0);
    expect(named("Denis Baudouin", "Government spokesman Denis Baudouin said so.")?.personCues).toBe(1);
  });

  it("finds no body in a country's portfolio before 'Minister', but keeps a body's", () => {
    expect(names("Malaysian Primary Industries Minister Lim Keng Yaik told reporters so.")).toEqual(["Lim Keng Yaik"]);
    expect(names("Economic Planning Board Minister Kim Mahn-je said so.")).toEqual(["Economic Planning Board", "Kim Mahn-je"]);
  });

  it("reads where a firm is, after its suffix, as part of its name, and a firm's 'und' and 'et Cie' as inside it", () => {
    expect(names("Deutsche Bank Finance NV Curacao is issuing a bond.")).toEqual(["Deutsche Bank Finance"]);
    // A unit in a place is news of the place.
    expect(names("Fujitsu Ltd U.S. subsidiary said so.")).toContain("U.S.");
    expect(names("Bilfinger und Berger Bau AG said so.")).toEqual(["Bilfinger und Berger Bau"]);
    expect(names("The bonds were led by Lazard Freres et Cie and others.")).toEqual(["Lazard Freres"]);
  });

  it("gives a town the US state written after it, not the next town of a list", () => {
    expect(named("Naples", "It has a plant in Naples, Fla., its largest.")?.within).toBe("florida");
    expect(named("Naples", "It has a plant in Naples, Florida, its largest.")?.within).toBe("florida");
    expect(named("Baltimore", "It flies to Baltimore, New York, Atlanta and Boston.")?.within).toBe("");
    expect(named("Dayton", "It has plants in Dayton, Ohio, Boston and Chicago.")?.within).toBe("");
  });

  it("finds no place in a round of trade talks, and no name in a state's adjective", () => {
    expect(names("He said talks in the Uruguay round stalled.")).toEqual([]);
    expect(names("The body began the Uruguay trade round last year.")).toEqual([]);
    expect(names("The Californian oil field was shut.")).toEqual([]);
    expect(names("Its West German subsidiary said so.")).toEqual([]);
  });

  it("parts two bodies of one kind that an 'and' joins, and keeps one whose name holds it", () => {
    expect(names("He went to the Interim Committee and Development Committee meetings.")).toEqual(["Development Committee", "Interim Committee"]);
    expect(names("It lent to Fuji Bank and Sanwa Bank.")).toEqual(["Fuji Bank", "Sanwa Bank"]);
    expect(names("The First Federal Savings and Loan Association said so.")).toEqual(["First Federal Savings and Loan Association"]);
    expect(names("It lent to Citibank and Chase Manhattan Bank.")).toEqual(["Chase Manhattan Bank", "Citibank"]);
    expect(names("It lent to J.P. Morgan and Bankers Trust.")).toEqual(["Bankers Trust", "J.P. Morgan"]);
    expect(names("The Farmers and Merchants Bank said so.")).toEqual(["Farmers and Merchants Bank"]);
  });

  it("keeps a firm's mark off the person the firm is named after", () => {
    const salomon = mentions("Robert Salomon, managing director of Salomon Inc, said rumors were false.", "Salomon said its trading was profitable.");
    expect(salomon.find((m) => m.name === "Robert Salomon")?.organisationCues).toBe(0);
    expect(salomon.find((m) => m.name === "Salomon")?.organisationCues).toBe(1);
  });

  it("takes a name made an adjective for no name, and not every hyphenated word for one", () => {
    expect(names("The English-language daily said so.")).toEqual([]);
    expect(names("The Moscow-based airline Aeroflot said so.")).toEqual(["Aeroflot"]);
    expect(names("Deputy Prime Minister Kim Mahn-je spoke.")).toEqual(["Kim Mahn-je"]);
  });

  it("knows Freddie Mac and Fannie Mae for the firms they are, under their full names too", () => {
    expect(named("Freddie Mac", "Freddie Mac said it would sell notes.")?.name).toBe("Freddie Mac");
  });

  it("knows the states of the archive's years that today's list of countries lacks", () => {
    expect(names("North Yemen and South Yemen met in Aden.")).toEqual(["Aden", "North Yemen", "South Yemen"]);
    expect(names("A Netherlands Antilles unit issued the bonds.")).toEqual(["Netherlands Antilles"]);
  });

  it("knows a continent's regions for places of their own, not the continent", () => {
    expect(names("It sent aid to West Africa and Southern Africa, and to Central America.")).toEqual(["Central America", "Southern Africa", "West Africa"]);
    expect(names("The growers in sub-Saharan Africa and North Africa agreed.")).toEqual(["North Africa", "Sub-Saharan Africa"]);
    expect(names("Its exports to Africa and East Asia rose.")).toEqual(["Africa", "East Asia"]);
  });

  it("reads a known place whose first word the wire wrote in lower case as that place", () => {
    expect(names("The proceeds will go to social programs in south Africa.")).toEqual(["South Africa"]);
    expect(names("It rained as far west as Michigan, Ohio and west Virginia.")).toEqual(["Michigan", "Ohio", "West Virginia"]);
    expect(names("A recession in western Europe or Japan was possible.")).toEqual(["Japan", "Western Europe"]);
    // A compass word that makes no known place with the name is a description: the place stays.
    expect(names("The rains hit southern California again.")).toEqual(["California"]);
  });

  it("takes the name after a country's word in a firm's unit, said alone, for the unit, but not a firm named with its own suffix", () => {
    const honda = mentions("American Honda Motor Corp said its sales rose.", "Year to date, Honda said it sold 59,590 cars.");
    expect(honda.map((m) => m.name)).not.toContain("Honda");
    expect(honda.find((m) => m.name === "American Honda Motor")?.count).toBe(2);
    expect(names("Gelco Corp said Air Canada agreed to buy its Canadian Gelco Express Ltd unit.")).toEqual(["Air Canada", "Canadian Gelco Express", "Gelco"]);
  });

  it("keeps a name whole after a prefix of time: 'then-', 'ex-'", () => {
    expect(names("He named then-National Security Council aide Oliver North.")).toEqual(["National Security Council", "Oliver North"]);
    expect(names("The ex-Guinness chief Ernest Saunders spoke.")).toEqual(["Ernest Saunders", "Guinness"]);
  });

  it("keeps the suffix of a firm named by one common word, and 'of' and where after it", () => {
    expect(names("News Corp Ltd said it bought the paper.")).toEqual(["News Corp"]);
    expect(names("It sold the unit to Time Inc.")).toEqual(["Time Inc"]);
    expect(names("Texaco Inc said so.")).toEqual(["Texaco"]);
    // Short, it is the firm where the article names the firm.
    expect(named("News Corp", "News Corp Ltd said it bought the paper.", "News said the price was fair.")?.count).toBe(2);
    expect(names("Hospital Corp of America said profits rose.")).toEqual(["Hospital Corp of America"]);
    expect(names("It was sold to Aluminum Co of America in March.")).toEqual(["Aluminum Co of America"]);
    // Any other firm's name ends at its suffix: "of" gives where the firm is.
    const dyneer = names("It was sold to Dyneer Corp of Westport, Conn., in March.");
    expect(dyneer).toContain("Dyneer");
    expect(dyneer).toContain("Westport");
  });
});
