import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Self time of one function (or group) in a V8 CPU profile. */
interface ProfileEntry {
  name: string;
  selfMs: number;
  share: number;
}

export interface CpuProfileSummary {
  file: string;
  totalMs: number;
  /** By package (`node_modules/<name>`), app code, Node internals, GC, idle. */
  byPackage: ProfileEntry[];
  topFunctions: ProfileEntry[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function packageOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return 'node internals';
  return 'stratum code';
}

/** Summarizes the newest .cpuprofile in `dir`: where the process spent its CPU time. */
export function summarizeCpuProfile(dir: string, top = 20): CpuProfileSummary | undefined {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort();
  const file = files.at(-1);
  if (file === undefined) return undefined;
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const us = profile.timeDeltas[i] ?? 0;
    if (node === undefined) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const key =
      `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const pkg = packageOf(url, functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    totalUs += us;
  });
  const entries = (map: Map<string, number>, limit: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({ name, selfMs: us / 1000, share: us / totalUs }));
  return {
    file: path.join(dir, file),
    totalMs: totalUs / 1000,
    byPackage: entries(byPackage, 15),
    topFunctions: entries(byFunction, top),
  };
}
