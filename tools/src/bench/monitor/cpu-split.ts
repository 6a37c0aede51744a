import { cpus } from 'node:os';
import { machineCpuSeconds, postgresCpuSeconds, processCpuSeconds } from './proc-stats';

/** Where the CPU went during a phase, in cores (1.0 = one core busy the whole time). */
export interface CpuSplit {
  seconds: number;
  machineCores: number;
  ingestNode: number;
  postgres: number | null;
  loadGenerator: number;
  profileNode: number;
  workerNode: number;
  /** Busy time of everything else on the machine (other users, the kernel); includes
   * PostgreSQL when its processes cannot be seen. */
  other: number;
  idle: number;
}

export interface WatchedProcesses {
  ingestPid: number;
  profilePid: number;
  workerPid: number;
  postmasterPid: number | undefined;
}

interface Reading {
  at: number;
  ingest: number;
  profile: number;
  worker: number;
  postgres: number | undefined;
  bench: number;
  machine: { busy: number; total: number };
}

function read(watched: WatchedProcesses): Reading {
  const usage = process.cpuUsage();
  return {
    at: performance.now(),
    ingest: processCpuSeconds(watched.ingestPid) ?? 0,
    profile: processCpuSeconds(watched.profilePid) ?? 0,
    worker: processCpuSeconds(watched.workerPid) ?? 0,
    postgres:
      watched.postmasterPid === undefined ? undefined : postgresCpuSeconds(watched.postmasterPid),
    bench: (usage.user + usage.system) / 1e6,
    machine: machineCpuSeconds(),
  };
}

/** Starts measuring; the returned function ends the window and splits its CPU time. */
export function startCpuWindow(watched: WatchedProcesses): () => CpuSplit {
  const start = read(watched);
  return () => {
    const end = read(watched);
    const seconds = (end.at - start.at) / 1000;
    const cores = (value: number) => Math.max(0, value / seconds);
    const ingestNode = cores(end.ingest - start.ingest);
    const profileNode = cores(end.profile - start.profile);
    const workerNode = cores(end.worker - start.worker);
    const loadGenerator = cores(end.bench - start.bench);
    const postgres =
      start.postgres === undefined || end.postgres === undefined
        ? null
        : cores(end.postgres - start.postgres);
    const busy = cores(end.machine.busy - start.machine.busy);
    const total = cores(end.machine.total - start.machine.total);
    return {
      seconds,
      machineCores: cpus().length,
      ingestNode,
      postgres,
      loadGenerator,
      profileNode,
      workerNode,
      other: Math.max(
        0,
        busy - ingestNode - profileNode - workerNode - loadGenerator - (postgres ?? 0),
      ),
      idle: Math.max(0, total - busy),
    };
  };
}
