import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Kernel clock ticks a second, in which /proc reports CPU time. */
const CLOCK_TICKS = readClockTicks();

function readClockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

interface ProcStat {
  ppid: number;
  /** utime + stime, in ticks. */
  own: number;
  /** cutime + cstime: CPU of children already reaped, in ticks. */
  children: number;
}

/** Fields of /proc/<pid>/stat after the command name (which may hold blanks and parentheses). */
function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const num = (i: number) => Number(fields[i]);
  return { ppid: num(1), own: num(11) + num(12), children: num(13) + num(14) };
}

/** CPU seconds a process has used so far (undefined once it is gone). */
export function processCpuSeconds(pid: number): number | undefined {
  const stat = readStat(pid);
  return stat === undefined ? undefined : stat.own / CLOCK_TICKS;
}

/**
 * CPU seconds of a PostgreSQL server: the postmaster, its live children (backends, WAL
 * writer, checkpointer, autovacuum) and the children it already reaped.
 */
export function postgresCpuSeconds(postmasterPid: number): number | undefined {
  const postmaster = readStat(postmasterPid);
  if (postmaster === undefined) return undefined;
  let ticks = postmaster.own + postmaster.children;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === postmasterPid) continue;
    const stat = readStat(pid);
    if (stat?.ppid === postmasterPid) ticks += stat.own;
  }
  return ticks / CLOCK_TICKS;
}

/** Busy and total CPU seconds of the whole machine, all cores together (/proc/stat). */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number) as [number, number, number, number, number, number, number, number];
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy / CLOCK_TICKS, total: (busy + idle + iowait) / CLOCK_TICKS };
}

/** Resident memory now and its peak (VmHWM), in MB, of a live process. */
export function processMemoryMb(pid: number): { rss: number; peak: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1]);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
