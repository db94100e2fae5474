import { readFileSync, readdirSync } from "node:fs";

/** One reading of the tree's memory, `t` in seconds since the sampler started. */
export interface RssSample {
  readonly t: number;
  readonly bytes: number;
  readonly processes: number;
}

function read(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null; // the process ended between listing and reading: a normal race
  }
}

/** Children by /proc/<pid>/task/<tid>/children (needs CONFIG_PROC_CHILDREN). */
function childrenFromTasks(pid: number): number[] | null {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const children: number[] = [];
  for (const tid of tasks) {
    const text = read(`/proc/${pid}/task/${tid}/children`);
    if (text === null) return null;
    for (const word of text.split(/\s+/u)) if (word) children.push(Number(word));
  }
  return children;
}

/** Children by scanning every /proc/<pid>/stat for its parent: slower, works on any kernel. */
function childrenFromStat(pid: number): number[] {
  const children: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/u.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const ppid = stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
    if (ppid !== undefined && Number(ppid) === pid) children.push(Number(name));
  }
  return children;
}

/** The process and all its descendants. */
export function processTree(root: number): number[] {
  const seen: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    seen.push(pid);
    queue.push(...(childrenFromTasks(pid) ?? childrenFromStat(pid)));
  }
  return seen;
}

/** Resident memory of one process in bytes (0 once it has ended). */
function rssBytes(pid: number): number {
  const status = read(`/proc/${pid}/status`);
  const kb = status === null ? undefined : /^VmRSS:\s+(\d+)\s+kB/mu.exec(status)?.[1];
  return kb === undefined ? 0 : Number(kb) * 1024;
}

export interface TreeSampler {
  readonly samples: readonly RssSample[];
  stop(): RssSample[];
}

/**
 * Samples the summed RSS of `root` and its descendants every `intervalMs`. Summing counts shared
 * pages once per process, which overstates a little; it is what a memory limit on the tree sees.
 */
export function sampleTree(root: number, intervalMs = 100, started = performance.now()): TreeSampler {
  const samples: RssSample[] = [];
  const take = (): void => {
    const pids = processTree(root);
    let bytes = 0;
    for (const pid of pids) bytes += rssBytes(pid);
    if (bytes > 0) samples.push({ t: (performance.now() - started) / 1000, bytes, processes: pids.length });
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    samples,
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}

/** The highest sample between two times (seconds), or 0 when none fell inside. */
export function peakBetween(samples: readonly RssSample[], from: number, to: number): number {
  let peak = 0;
  for (const s of samples) if (s.t >= from && s.t <= to && s.bytes > peak) peak = s.bytes;
  return peak;
}
