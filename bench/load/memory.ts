import { readdirSync, readFileSync } from 'node:fs';

/** A process to watch, by the name the table gives it. */
export interface ProcessRef {
  name: string;
  pid: number;
}

/** Linux's USER_HZ: the unit of utime/stime in /proc/<pid>/stat (100 on every mainstream kernel). */
const CLOCK_TICKS_PER_SECOND = 100;

/** Resident set size in bytes (Linux /proc), undefined once the process is gone. */
export function rssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time used so far (user + system), in seconds. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: the fields after it start past the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return Number.isFinite(ticks) ? ticks / CLOCK_TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/** Time spent runnable but waiting for a CPU (the run queue), in seconds (/proc/<pid>/schedstat). */
export function runQueueSeconds(pid: number): number | undefined {
  try {
    const waited = Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]);
    return Number.isFinite(waited) ? waited / 1e9 : undefined;
  } catch {
    return undefined;
  }
}

export function megabytes(bytes: number | undefined): number {
  return bytes === undefined ? Number.NaN : bytes / (1024 * 1024);
}

/** Every process's RSS now. */
export function rssNow(processes: readonly ProcessRef[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const process of processes) {
    const rss = rssBytes(process.pid);
    if (rss !== undefined) result.set(process.name, rss);
  }
  return result;
}

/** Samples the RSS of some processes every `intervalMs` while open; keeps each one's maximum. */
export class RssSampler {
  private readonly max = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly processes: () => readonly ProcessRef[],
    private readonly intervalMs: number,
  ) {}

  open(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  close(): Map<string, number> {
    clearInterval(this.timer);
    this.sample();
    return new Map(this.max);
  }

  private sample(): void {
    for (const [name, rss] of rssNow(this.processes())) {
      this.max.set(name, Math.max(rss, this.max.get(name) ?? 0));
    }
  }
}

/**
 * CPU used by some processes between `open` and `close`, in % of one core, summed per name
 * (a process started meanwhile counts whole; one that ended meanwhile is missed). With
 * `runQueueSeconds` as the reader: the time they were ready to run but waited for a core.
 */
export class CpuMeter {
  private before = new Map<number, number>();
  private openedAt = 0;

  constructor(
    private readonly processes: () => readonly ProcessRef[],
    private readonly reader: (pid: number) => number | undefined = cpuSeconds,
  ) {}

  open(): void {
    this.before = new Map();
    for (const process of this.processes()) {
      const used = this.reader(process.pid);
      if (used !== undefined) this.before.set(process.pid, used);
    }
    this.openedAt = performance.now();
  }

  close(): Map<string, number> {
    const seconds = (performance.now() - this.openedAt) / 1000;
    const result = new Map<string, number>();
    if (seconds <= 0) return result;
    for (const process of this.processes()) {
      const used = this.reader(process.pid);
      if (used === undefined) continue;
      const delta = used - (this.before.get(process.pid) ?? 0);
      result.set(process.name, (result.get(process.name) ?? 0) + (delta / seconds) * 100);
    }
    return result;
  }
}

/**
 * The local servers' processes by command name (RabbitMQ, every PostgreSQL backend, Redis),
 * several pids under one name. They serve the whole machine, other work included.
 */
export function infraProcesses(): ProcessRef[] {
  const names: Record<string, string> = {
    'beam.smp': 'rabbitmq',
    postgres: 'postgresql',
    'redis-server': 'redis',
  };
  const found: ProcessRef[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const name = names[readFileSync(`/proc/${entry}/comm`, 'utf8').trim()];
      if (name !== undefined) found.push({ name, pid: Number(entry) });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
