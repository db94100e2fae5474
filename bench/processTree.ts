import { readFileSync, readdirSync } from "node:fs";

/** One reading of the tree's memory, `t` in seconds since the sampler started. */
export interface RssSample {
  readonly t: number;
  readonly bytes: number;
  readonly processes: number;
  /** CPU seconds (user and system, every thread) used by the tree so far, ended processes included. */
  readonly cpu: number;
  /** Of `cpu`, the seconds used by Pagefind's processes (see isPagefind). */
  readonly pagefindCpu: number;
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

/** Clock ticks a second, as /proc counts CPU time: 100 on Linux (USER_HZ). */
const TICKS = 100;

/** User and system CPU seconds of one process, all its threads, from /proc/<pid>/stat; null once it has ended. */
function cpuSeconds(pid: number): number | null {
  const stat = read(`/proc/${pid}/stat`);
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/**
 * Whether a process is one of Pagefind's, by its command name (`pagefind_extended`, which the
 * kernel cuts to 15 characters, or `pagefind`). Its indexing is half a large build's CPU, and what
 * bounds a build on few cores (README, "Where the time goes"): the bench shows it apart.
 */
function isPagefind(pid: number): boolean {
  return read(`/proc/${pid}/comm`)?.startsWith("pagefind") ?? false;
}

/**
 * CPU seconds the tree used between two times (`of`: all of it, or Pagefind's share): from the
 * last sample at or before `from` to the last at or before `to`.
 */
export function cpuBetween(samples: readonly RssSample[], from: number, to: number, of: (s: RssSample) => number = (s) => s.cpu): number {
  const at = (t: number): number => {
    let cpu = 0;
    for (const s of samples) if (s.t <= t) cpu = of(s);
    return cpu;
  };
  return Math.max(0, at(to) - at(from));
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
  // Each process's CPU time as last seen: one that ends keeps counting what it used until then.
  const cpuSeen = new Map<number, number>();
  // Pagefind's processes, once seen as such. Until then a name is read at every sample: a child
  // is named after its parent between its fork and its exec.
  const pagefind = new Set<number>();
  const take = (): void => {
    const pids = processTree(root);
    let bytes = 0;
    for (const pid of pids) {
      bytes += rssBytes(pid);
      const cpu = cpuSeconds(pid);
      if (cpu === null) continue;
      cpuSeen.set(pid, cpu);
      if (!pagefind.has(pid) && isPagefind(pid)) pagefind.add(pid);
    }
    let cpu = 0;
    let pagefindCpu = 0;
    for (const [pid, seconds] of cpuSeen) {
      cpu += seconds;
      if (pagefind.has(pid)) pagefindCpu += seconds;
    }
    if (bytes > 0) samples.push({ t: (performance.now() - started) / 1000, bytes, processes: pids.length, cpu, pagefindCpu });
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
