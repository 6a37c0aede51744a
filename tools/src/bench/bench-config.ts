import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../build/bundle-app';
import { FULL, QUICK } from './bench-options';
import type { BenchOptions } from './bench-options';

export const USAGE = `Usage: npm run bench -- [options]

  --quick                 short run (under 2 minutes, 50,000 profiles)
  --seconds <n>           sustained-ingest duration (default 60, quick 10)
  --concurrency <n>       batch requests in flight while sustained (default 8)
  --profiles <n>          profiles bulk-loaded before the run (default 1,000,000)
  --zipf <s>              skew of customer activity (default 0.8)
  --pool-max <n>          DB_POOL_MAX of the ingest API (default 10)
  --batch-rate <n>        batch-latency rate, requests/s (default: half the sustained rate)
  --lookup-rate <n>       look-up latency rate, requests/s (default: half the maximum)
  --freshness-seconds <n> sustained ingest with segments, for membership freshness (default 30, quick 10)
  --deliveries-seconds <n> ingest with a webhook destination to a local receiver (default 20, quick 5)
  --deliveries-rate <n>   events/s sent during the deliveries phase (default 1,200)
  --no-deliveries         skip the webhook deliveries
  --preview-profiles <n>  profiles of the segment-preview tenant (default 1,000,000, quick 50,000)
  --no-preview            skip the segment previews (and the filling of their tenant)
  --pg-stock              embedded PostgreSQL with initdb's defaults instead of the tuned ones
  --pg-setting k=v        embedded PostgreSQL setting (repeatable), applied with a restart
  --pg-stat-statements    load pg_stat_statements and list the costliest statements
  --cpu-prof              run the ingest API with --cpu-prof and summarize the profile
  --json <file>           where to write the JSON report (default bench-results/)
  -h, --help              this text

Environment: DATABASE_URL set → a throw-away database on that server (needs CREATEDB);
unset → a throw-away embedded PostgreSQL under the OS temp directory.`;

export interface BenchCommand {
  options: BenchOptions;
  jsonPath: string;
  help: boolean;
}

/** Reads the command line and DATABASE_URL into the options of a run. */
export function parseBenchCommand(argv: readonly string[], env: NodeJS.ProcessEnv): BenchCommand {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      seconds: { type: 'string' },
      concurrency: { type: 'string' },
      profiles: { type: 'string' },
      zipf: { type: 'string' },
      'pool-max': { type: 'string' },
      'batch-rate': { type: 'string' },
      'lookup-rate': { type: 'string' },
      'freshness-seconds': { type: 'string' },
      'deliveries-seconds': { type: 'string' },
      'deliveries-rate': { type: 'string' },
      'no-deliveries': { type: 'boolean', default: false },
      'preview-profiles': { type: 'string' },
      'no-preview': { type: 'boolean', default: false },
      'pg-stock': { type: 'boolean', default: false },
      'pg-setting': { type: 'string', multiple: true },
      'pg-stat-statements': { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const preset = values.quick ? QUICK : FULL;
  const number = (name: string, raw: string | undefined, fallback: number) => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`--${name} must be a positive number`);
    return value;
  };
  const postgresSettings: Record<string, string> = {};
  for (const pair of values['pg-setting'] ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error('--pg-setting must be name=value');
    postgresSettings[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const resultsDir = path.join(REPO_ROOT, 'bench-results');
  let cpuProfileDir: string | undefined;
  if (values['cpu-prof']) {
    cpuProfileDir = path.join(resultsDir, `cpu-profile-${stamp}`);
    mkdirSync(cpuProfileDir, { recursive: true });
  }
  const databaseUrl = env.DATABASE_URL;
  const custom =
    values.seconds ??
    values.concurrency ??
    values.profiles ??
    values.zipf ??
    values['pool-max'] ??
    values['batch-rate'] ??
    values['lookup-rate'] ??
    values['freshness-seconds'] ??
    values['deliveries-seconds'] ??
    values['deliveries-rate'] ??
    (values['no-deliveries'] ? 'no deliveries' : undefined) ??
    values['preview-profiles'] ??
    (values['no-preview'] ? 'no preview' : undefined) ??
    (values['pg-stock'] ? 'stock' : undefined);
  const optional = (name: string, raw: string | undefined) =>
    raw === undefined ? undefined : number(name, raw, 0);
  const options: BenchOptions = {
    ...preset,
    mode: custom !== undefined || Object.keys(postgresSettings).length > 0 ? 'custom' : preset.mode,
    throughputSeconds: number('seconds', values.seconds, preset.throughputSeconds),
    concurrency: number('concurrency', values.concurrency, preset.concurrency),
    profiles: number('profiles', values.profiles, preset.profiles),
    zipfExponent: number('zipf', values.zipf, preset.zipfExponent),
    ingestPoolMax: number('pool-max', values['pool-max'], preset.ingestPoolMax),
    freshnessSeconds: number(
      'freshness-seconds',
      values['freshness-seconds'],
      preset.freshnessSeconds,
    ),
    deliveriesSeconds: values['no-deliveries']
      ? 0
      : number('deliveries-seconds', values['deliveries-seconds'], preset.deliveriesSeconds),
    deliveriesRatePerSecond: number(
      'deliveries-rate',
      values['deliveries-rate'],
      preset.deliveriesRatePerSecond,
    ),
    previewProfiles: values['no-preview']
      ? 0
      : number('preview-profiles', values['preview-profiles'], preset.previewProfiles),
    database:
      databaseUrl !== undefined && databaseUrl !== ''
        ? { kind: 'server', url: databaseUrl }
        : { kind: 'embedded' },
    postgresSettings: {
      ...(values['pg-stock'] ? {} : preset.postgresSettings),
      ...postgresSettings,
    },
    batchRatePerSecond: optional('batch-rate', values['batch-rate']),
    lookupRatePerSecond: optional('lookup-rate', values['lookup-rate']),
    pgStatStatements: values['pg-stat-statements'],
    ...(cpuProfileDir ? { cpuProfileDir } : {}),
  };
  return {
    options,
    jsonPath: values.json ?? path.join(resultsDir, `bench-${stamp}.json`),
    help: values.help,
  };
}
