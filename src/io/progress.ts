/**
 * Progress of a long phase. In a terminal: one line redrawn in place (count, rate, time left).
 * Elsewhere (CI logs): a line at the start, at each quarter, and at the end.
 */
export interface Progress {
  tick(n?: number): void;
  /** Ends the phase and returns its wall time in seconds. */
  done(): number;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}

/**
 * `already` is work done before the phase's clock starts (search shards indexed while pages were
 * drawn): it counts towards the total, not towards the rate.
 */
export function startProgress(label: string, total: number, unit: string, stream: NodeJS.WriteStream = process.stdout, already = 0): Progress {
  const started = performance.now();
  const tty = stream.isTTY === true;
  // Small phases finish before a reader could look: say nothing until the end.
  const quiet = total < 1000;
  let count = already;
  let lastDraw = 0;
  let quarter = total > 0 ? Math.floor((already / total) * 4) : 0;
  const elapsed = (): number => (performance.now() - started) / 1000;
  const line = (): string => {
    const rate = (count - already) / Math.max(elapsed(), 1e-3);
    const left = (total - count) / Math.max(rate, 1e-9);
    return `broadsheet: ${label} ${count.toLocaleString("en")}/${total.toLocaleString("en")} ${unit} · ${Math.round(rate).toLocaleString("en")}/s · ${formatDuration(left)} left`;
  };
  if (!quiet && !tty) stream.write(`broadsheet: ${label} ${total.toLocaleString("en")} ${unit}…\n`);
  return {
    tick(n = 1) {
      count += n;
      if (quiet) return;
      if (tty) {
        const now = performance.now();
        if (now - lastDraw > 100) {
          lastDraw = now;
          stream.write(`\r${line()}\x1b[K`);
        }
      } else if (count < total && Math.floor((count / total) * 4) > quarter) {
        quarter = Math.floor((count / total) * 4);
        stream.write(`${line()}\n`);
      }
    },
    done() {
      const seconds = elapsed();
      if (!quiet && tty) stream.write("\r\x1b[K");
      return seconds;
    },
  };
}
