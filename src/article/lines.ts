/** A non-empty line of an article file, trimmed, with its 1-based line number. */
export interface Line {
  readonly text: string;
  readonly number: number;
}

/**
 * Splits text into trimmed lines, keeping line numbers for error messages.
 * Accepts `\n`, `\r\n` and lone `\r` endings and drops a UTF-8 byte-order mark.
 * Empty lines are dropped: paragraphs may be separated by single newlines or by blank lines alike.
 */
export function textLines(text: string): Line[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines: Line[] = [];
  let number = 0;
  for (const raw of source.split(/\r\n|\r|\n/)) {
    number++;
    // Tabs and no-break spaces count as space: trim them, and fold runs inside the line.
    const trimmed = raw.replace(/[\s\u00a0]+/gu, " ").trim();
    if (trimmed !== "") lines.push({ text: trimmed, number });
  }
  return lines;
}

/** The number of lines in a text, as an editor counts them (for errors about the end of a file). */
export function lineCount(text: string): number {
  return Math.max(1, text.replace(/(?:\r\n|\r|\n)$/u, "").split(/\r\n|\r|\n/).length);
}
