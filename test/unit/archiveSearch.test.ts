import { describe, expect, it } from "vitest";
import { directoryFiles } from "../../src/search/directory.js";
import type { PeriodWords } from "../../src/search/periodWords.js";
import { ArchiveSearch, type Query } from "../../src/searchPage/archiveSearch.js";
import type { PagefindResponse, PagefindWorker, PeriodIndex } from "../../src/searchPage/pagefindWorker.js";
import type { Period } from "../../src/searchPage/periods.js";

// Four periods whose pages all hold a word beginning "zq" and one beginning "os" (the directory
// only counts the pages of words that short), but only the oldest has a page holding both.
const FILE_COUNT = 16;
const period = (pages: number, words: Record<string, number[] | number>): PeriodWords => ({ pages, length: pages * 100, words: new Map(Object.entries(words)), titles: new Map() });
const periodWords = [
  period(10, { zqa: [1], oslo: [1] }),
  period(10, { zqb: [1], oslo: [2] }),
  period(10, { zqc: [1], oslo: [2], ostrava: [3] }),
  period(10, { zqd: [1], oslo: [2], osaka: [4] }),
];
const files = directoryFiles(periodWords, FILE_COUNT);
const periods: Period[] = periodWords.map((_, number) => ({ bundle: `/pagefind-${number}/`, number, years: [String(2015 + number)], from: `${2015 + number}-01-01`, to: `${2015 + number}-12-31` })).reverse();

/** Pagefind in each period as the test needs it: the oldest finds one page with both words; the others, pages with one (a word the period lacks is dropped). */
function pagefind(searched: string[]): PagefindWorker {
  const index = (basePath: string): PeriodIndex => ({
    search: async (): Promise<PagefindResponse> => {
      searched.push(basePath);
      const words = basePath === "/pagefind-0/" ? ["zqa", "oslo"] : ["oslo"];
      return { unfilteredResultCount: 1, results: [{ id: basePath, score: 1, data: basePath, params: { document_length: 100, average_page_length: 100, total_pages: 10 }, scores: words.map((w) => ({ search_term: w, params: { weighted_term_frequency: 24, pages_containing_term: 1, length_bonus: 1 } })) }] };
    },
    data: async () => ({ url: basePath, content: "", meta: {}, filters: {}, weighted_locations: [] }),
  });
  return { index } as unknown as PagefindWorker;
}

describe("a search over periods", () => {
  it("goes on through the periods that can match while it has found nothing, and finds the page", async () => {
    const searched: string[] = [];
    const search = new ArchiveSearch({
      periods,
      pages: periodWords.map((p) => p.pages),
      length: 4000,
      directory: async (file) => JSON.parse(files.get(file) ?? "{}"),
      fileCount: FILE_COUNT,
      pagefind: pagefind(searched),
    });
    const query: Query = { text: "zq os", filters: {}, range: { from: null, to: null }, order: "best" };
    const answer = await search.start(query);
    expect(answer.candidates.length).toBe(4);
    expect(answer.found.map((f) => f.period.bundle)).toEqual(["/pagefind-0/"]);
    expect(searched).toContain("/pagefind-0/");
  });
});
