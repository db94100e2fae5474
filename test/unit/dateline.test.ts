import { describe, expect, it } from "vitest";
import { datelinePlace, splitDateline } from "../../src/article/dateline.js";

describe("splitDateline finds", () => {
  it.each([
    ["a place and an em dash", "Moscow — US officials arrived for two days of talks.", "Moscow", "US officials arrived for two days of talks."],
    ["a place and an en dash", "LONDON – Shares in the lender fell for a third day.", "LONDON", "Shares in the lender fell for a third day."],
    ["a place and a hyphen", "BERLIN - The coalition agreed a budget late on Friday.", "BERLIN", "The coalition agreed a budget late on Friday."],
    ["a wire place and date", "TOKYO, March 2 - Japanese exporters reported higher orders.", "TOKYO, March 2", "Japanese exporters reported higher orders."],
    ["a day before the month", "LONDON, 2 March - The pound slipped against the dollar.", "LONDON, 2 March", "The pound slipped against the dollar."],
    ["a city, state and date", "ROCHESTER, N.Y., Feb 26 - A camera maker said it would cut jobs.", "ROCHESTER, N.Y., Feb 26", "A camera maker said it would cut jobs."],
    ["a hyphenated city and state", "WINSTON-SALEM, N.C. - A tobacco company raised its dividend.", "WINSTON-SALEM, N.C.", "A tobacco company raised its dividend."],
    ["a place of several words", "RIO DE JANEIRO, Oct 5 - Brazil's central bank held rates.", "RIO DE JANEIRO, Oct 5", "Brazil's central bank held rates."],
    ["an accented place", "São Paulo — Coffee growers expect a smaller crop.", "São Paulo", "Coffee growers expect a smaller crop."],
    // Wire datelines typed in haste: found where a date ends them.
    ["a place in mixed case", "New york, March 2 - Chicago physician Fred Reed said he would bid.", "New york, March 2", "Chicago physician Fred Reed said he would bid."],
    ["a month in lower case", "La paz, march 18 - Bolivia's tin miners went on strike.", "La paz, march 18", "Bolivia's tin miners went on strike."],
    ["a figure typed before the place", "0 LONDON, April 29 - The economy is stronger than forecast.", "LONDON, April 29", "The economy is stronger than forecast."],
    ["a stray mark in the place", "ME}LBOURNE, March 3 - The miner raised its dividend.", "ME}LBOURNE, March 3", "The miner raised its dividend."],
    ["letters typed for the day's figures", "SYDNEY, April l - Wool prices eased.", "SYDNEY, April l", "Wool prices eased."],
    ["a comma left before the dash", "CHICAGO, March 4, - Futures closed higher.", "CHICAGO, March 4", "Futures closed higher."],
    ["a day of three figures", "BOSTON, March 187 - The utility sold notes.", "BOSTON, March 187", "The utility sold notes."],
    ["no comma before the date", "JOHANNESBURG March 13 - Shr 516 cts vs 347", "JOHANNESBURG March 13", "Shr 516 cts vs 347"],
  ])("%s", (_name, line, dateline, text) => {
    expect(splitDateline(line)).toEqual({ dateline, text });
  });

  it("leaves later dashes in the text", () => {
    expect(splitDateline("Moscow — Talks began - and ended - within the hour.")).toEqual({
      dateline: "Moscow",
      text: "Talks began - and ended - within the hour.",
    });
  });
});

describe("splitDateline finds nothing in", () => {
  it.each([
    ["a sentence without a dash", "Harbour officials said the terminal would open in July."],
    ["a dash without spaces", "Moscow—US officials arrived for two days of talks."],
    ["a hyphenated word", "A well-known economist said prices would rise again."],
    ["a sentence with a dash aside", "Shares fell sharply on Monday - the biggest drop in years."],
    ["a lower-case opening", "the talks - which lasted hours - ended without agreement."],
    ["a quotation before a dash", "\"We will not back down\" - the minister told reporters."],
    ["a line that opens with a dash", "- Talks began on Tuesday."],
    ["a place with nothing after the dash", "Moscow —"],
    ["a row of a futures table, opening with a month", "Mar - Apr 148.00 148.00 148.25 148.50 147.75 38"],
    ["a row opening with a weekday", "TUE - 16085 15985 15885"],
    ["a sentence in lower case before a date", "Prices rose in the week to March 2 - the fastest rise in years."],
    ["a lower-case opening before a date", "the meeting, March 2 - was put off."],
    ["an empty line", ""],
  ])("%s", (_name, line) => {
    expect(splitDateline(line)).toBeNull();
  });
});

describe("datelinePlace", () => {
  it.each([
    ["NEW YORK, June 1", "NEW YORK"],
    ["TOKYO, March 2", "TOKYO"],
    ["ROCHESTER, N.Y., Feb 26", "ROCHESTER, N.Y."],
    ["RICHMOND, Va. Feb 26", "RICHMOND, Va."],
    ["LONDON, 2 March 1987", "LONDON"],
    ["Moscow", "Moscow"],
    ["WINSTON-SALEM, N.C.", "WINSTON-SALEM, N.C."],
    ["SYDNEY, April", "SYDNEY"],
    ["MARSEILLE", "MARSEILLE"],
    ["JOHANNESBURG March 13", "JOHANNESBURG"],
  ])("%s is %s", (dateline, place) => {
    expect(datelinePlace(dateline)).toBe(place);
  });
});
