import { cpus, loadavg, totalmem } from 'node:os';
import { createDb } from '@stratum/db';
import type { Db } from '@stratum/db';
import type { BenchOptions } from './bench-options';
import { EventGenerator } from './load/event-generator';
import type { EventGeneratorOptions } from './load/event-generator';
import { HttpClient } from './load/http-client';
import { IngestDriver } from './load/ingest-driver';
import { IngestTracker } from './load/ingest-tracker';
import { readResolutionOutcomes } from './monitor/app-metrics';
import { summarizeCpuProfile } from './monitor/cpu-profile';
import { resetStatementStats, topStatements } from './monitor/pg-statements';
import { processMemoryMb } from './monitor/proc-stats';
import { startWalWindow } from './monitor/wal-stats';
import { runAsyncIngest, waitForEmptyInbox } from './phases/async-ingest.phase';
import { runCopyReference } from './phases/copy-reference.phase';
import { runDeliveries } from './phases/deliveries.phase';
import { checkCorrectness } from './phases/correctness.phase';
import { runExports } from './phases/export.phase';
import { runFreshness } from './phases/freshness.phase';
import { runIngestLatency } from './phases/ingest-latency.phase';
import { loadProfiles } from './phases/load-profiles.phase';
import { runLookups } from './phases/lookup.phase';
import { customerIdentifiers } from './load/customers';
import { sampleCacheLag } from './monitor/profile-cache';
import { runPreviews } from './phases/preview.phase';
import { runThroughput } from './phases/throughput.phase';
import { evaluateTargets } from './report/bench-report';
import { describeLoad } from './report/describe-load';
import type { BenchReport } from './report/bench-report';
import { streamProgress } from './report/progress';
import type { Progress } from './report/progress';
import { BENCH_WORKER_ENV, startApps } from './setup/app-servers';
import type { AppEnvironment, AppServers } from './setup/app-servers';
import { provideDatabase } from './setup/bench-database';
import type { BenchDatabase } from './setup/bench-database';
import { prepareDatabase, readServerSettings } from './setup/bench-tenant';

// Small requests, so that an event's answer is not held back by a hundred others'.
const DELIVERIES_BATCH_SIZE = 10;

/**
 * Runs the whole benchmark: a fresh database, both APIs and the worker as real processes,
 * the bulk load, sustained ingest answered 200 and answered 202 (the inbox), open-loop latencies, membership freshness, the COPY
 * reference, look-ups, profile exports, webhook deliveries to a local receiver, the correctness
 * checks, then segment previews over a tenant of their own. Cleans up after itself (processes, throw-away database) whatever happens.
 */
export async function runBench(
  options: BenchOptions,
  progress: Progress = streamProgress(),
): Promise<BenchReport> {
  const startedAt = new Date();
  const clock = performance.now();
  const loadAverageAtStart = loadavg();
  const runTag = `b${startedAt.getTime().toString(36)}`;
  let database: BenchDatabase | undefined;
  let db: Db | undefined;
  let apps: AppServers | undefined;
  try {
    progress.step(`Database (${options.database.kind})`);
    database = await provideDatabase(options.database, {
      settings: options.database.kind === 'embedded' ? options.postgresSettings : {},
      pgStatStatements: options.pgStatStatements && options.database.kind === 'embedded',
    });
    db = createDb({
      databaseUrl: database.url,
      applicationName: 'stratum-bench',
      statementTimeoutMs: 0,
    });
    const tenants = await prepareDatabase(db, runTag);
    const settings = await readServerSettings(db);

    progress.step('Building the APIs and the worker (production bundles) and starting them');
    const env: AppEnvironment = {
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      NODE_ENV: 'production',
    };
    apps = await startApps({
      env,
      ingestPoolMax: options.ingestPoolMax,
      ingestNodeFlags: options.cpuProfileDir
        ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]
        : [],
    });
    const watched = {
      ingestPid: apps.ingest.pid,
      profilePid: apps.profile.pid,
      workerPid: apps.worker.pid,
      postmasterPid: database.postmasterPid,
    };

    progress.step(`Bulk-loading ${options.profiles.toLocaleString('en-US')} profiles`);
    const profilesLoad = await loadProfiles(db, tenants.tenantId, options.profiles, progress);
    progress.step(
      `Bulk-loading the same ${options.profiles.toLocaleString('en-US')} profiles for the 202 path's tenant`,
    );
    await loadProfiles(db, tenants.asyncTenantId, options.profiles, progress);

    const generatorOptions: EventGeneratorOptions = {
      seed: options.seed,
      runTag,
      knownCustomers: options.profiles,
      zipfExponent: options.zipfExponent,
      newCustomerShare: options.newCustomerShare,
      retryShare: options.retryShare,
    };
    const generator = new EventGenerator(generatorOptions);
    const tracker = new IngestTracker(generator);
    const ingestClient = new HttpClient(apps.ingest.url, `Bearer ${tenants.writeKey}`, 512);
    const driver = new IngestDriver(ingestClient, generator, tracker);
    // The 202 path: the same load shape, its own tenant and books, checked on their own.
    const asyncGenerator = new EventGenerator({ ...generatorOptions, runTag: `${runTag}a` });
    const asyncTracker = new IngestTracker(asyncGenerator);
    const asyncClient = new HttpClient(apps.ingest.url, `Bearer ${tenants.asyncWriteKey}`, 512, {
      prefer: 'respond-async',
    });
    const asyncDriver = new IngestDriver(asyncClient, asyncGenerator, asyncTracker);

    if (options.pgStatStatements) await resetStatementStats(db);
    progress.step(
      `Sustained ingest: ${options.throughputSeconds} s after ${options.warmupSeconds} s warm-up, ` +
        `batches of ${options.batchSize}, ${options.concurrency} in flight`,
    );
    const endWal = await startWalWindow(db);
    const lagClient = new HttpClient(apps.profile.url, `Bearer ${tenants.readKey}`, 4);
    const cacheLag = sampleCacheLag(apps.profile.metricsUrl, () =>
      lagClient.get(
        `/api/v1/cdp/profiles?identifier_type=email&identifier_value=${encodeURIComponent(customerIdentifiers.email(0))}`,
      ),
    );
    const throughputRun = await runThroughput(
      driver,
      {
        warmupSeconds: options.warmupSeconds,
        seconds: options.throughputSeconds,
        concurrency: options.concurrency,
        batchSize: options.batchSize,
      },
      watched,
      progress,
    );
    const throughput = { ...throughputRun, wal: await endWal() };
    const statements = options.pgStatStatements ? await topStatements(db) : undefined;

    if (options.pgStatStatements) await resetStatementStats(db);
    progress.step(
      `Sustained ingest answered 202 (inbox, resolved by the worker): ${options.throughputSeconds} s, ` +
        `batches of ${options.batchSize}, ${options.concurrency} in flight`,
    );
    const endAsyncWal = await startWalWindow(db);
    const asyncRun = await runAsyncIngest(
      { db, driver: asyncDriver, workerMetricsUrl: apps.worker.metricsUrl },
      {
        seconds: options.throughputSeconds,
        concurrency: options.concurrency,
        batchSize: options.batchSize,
        drainSeconds: 300,
      },
      watched,
      progress,
    );
    const asyncWal = await endAsyncWal();
    const cacheLagUnderIngest = await cacheLag.stop();
    lagClient.close();
    const asyncStatements = options.pgStatStatements ? await topStatements(db) : undefined;

    const batchRate =
      options.batchRatePerSecond ??
      Math.max(1, Math.round(throughput.eventsPerSecond / options.batchSize / 2));
    progress.step(`Batch-${options.batchSize} latency, open loop at ${batchRate} requests/s`);
    const batchLatency = await runIngestLatency(
      driver,
      {
        ratePerSecond: batchRate,
        seconds: options.batchLatencySeconds,
        batchSize: options.batchSize,
      },
      progress,
    );
    progress.step(`Single-event latency, open loop at ${options.singleRatePerSecond} requests/s`);
    const singleLatency = await runIngestLatency(
      driver,
      {
        ratePerSecond: options.singleRatePerSecond,
        seconds: options.singleLatencySeconds,
        batchSize: 1,
      },
      progress,
    );
    progress.step(
      `Single-event latency answered 202, open loop at ${options.singleRatePerSecond} requests/s`,
    );
    const asyncSingleLatency = await runIngestLatency(
      asyncDriver,
      {
        ratePerSecond: options.singleRatePerSecond,
        seconds: options.singleLatencySeconds,
        batchSize: 1,
      },
      progress,
    );
    await waitForEmptyInbox(db, 300, progress);
    asyncClient.close();
    progress.step(
      `Membership freshness: ${options.freshnessSeconds} s of sustained ingest with segments ` +
        'only its events satisfy, the worker following the change feed',
    );
    const freshness = await runFreshness(
      {
        db,
        tenantId: tenants.tenantId,
        driver,
        generator,
        workerMetricsUrl: apps.worker.metricsUrl,
      },
      {
        seconds: options.freshnessSeconds,
        concurrency: options.concurrency,
        batchSize: options.batchSize,
        samplesPerSecond: options.freshnessSamplesPerSecond,
        pollMs: options.freshnessPollMs,
        drainSeconds: 30,
        campaign: `freshness-${runTag}`,
      },
      watched,
      progress,
    );

    const copyRows = options.copyRows ?? Math.max(1000, throughput.eventsAccepted);
    progress.step(
      `Raw COPY reference: ${copyRows.toLocaleString('en-US')} event rows into cdp_events`,
    );
    const copy = await runCopyReference(
      database.url,
      tenants.copyTenantId,
      copyRows,
      generatorOptions,
      progress,
    );

    progress.step(`Profile look-ups over ${options.profiles.toLocaleString('en-US')} profiles`);
    const lookupClient = new HttpClient(apps.profile.url, `Bearer ${tenants.readKey}`, 512);
    if (options.pgStatStatements) await resetStatementStats(db);
    const lookup = await runLookups(
      lookupClient,
      {
        profiles: options.profiles,
        ratePerSecond: options.lookupRatePerSecond,
        seconds: options.lookupSeconds,
        concurrency: options.lookupConcurrency,
        seed: options.seed + 1,
        zipfExponent: options.zipfExponent,
        profileMetricsUrl: apps.profile.metricsUrl,
      },
      progress,
    );
    const lookupStatements = options.pgStatStatements ? await topStatements(db, 8) : undefined;
    lookupClient.close();

    progress.step('Profile exports of the whole tenant through the profile API (CSV, NDJSON)');
    const exports = await runExports(
      {
        url: apps.profile.url,
        key: tenants.readKey,
        profilePid: apps.profile.pid,
        postmasterPid: database.postmasterPid,
      },
      progress,
    );

    let deliveries: BenchReport['deliveries'];
    if (options.deliveriesSeconds > 0) {
      progress.step(
        `Webhook deliveries: ${options.deliveriesSeconds} s of ingest at ` +
          `${options.deliveriesRatePerSecond.toLocaleString('en-US')} events/s (open loop), ` +
          'a destination taking every event, a receiver in this process',
      );
      deliveries = await runDeliveries(
        { db, tenantId: tenants.tenantId, driver, workerMetricsUrl: apps.worker.metricsUrl },
        {
          seconds: options.deliveriesSeconds,
          ratePerSecond: options.deliveriesRatePerSecond,
          batchSize: DELIVERIES_BATCH_SIZE,
          drainSeconds: 60,
          settleSeconds: 60,
          name: `Deliveries ${runTag}`,
        },
        watched,
        progress,
      );
    }
    ingestClient.close();

    const resolutionOutcomes = await readResolutionOutcomes(apps.ingest.metricsUrl);
    const memoryAtEnd = processMemoryMb(apps.ingest.pid);
    progress.step('Correctness checks');
    const checks = [
      ...(await checkCorrectness(db, tenants.tenantId, tracker)),
      ...(await checkCorrectness(db, tenants.asyncTenantId, asyncTracker)).map((c) => ({
        ...c,
        name: `202 path: ${c.name}`,
      })),
    ];
    progress.done(checks.every((c) => c.ok) ? 'all hold' : 'FAILED');

    await apps.stop();
    apps = undefined;
    let preview: BenchReport['preview'];
    if (options.previewProfiles > 0) {
      progress.step(
        `Segment previews over ${options.previewProfiles.toLocaleString('en-US')} profiles ` +
          '(a tenant of their own, filled first)',
      );
      preview = await runPreviews(
        db,
        {
          databaseUrl: database.url,
          profiles: options.previewProfiles,
          runs: options.previewRuns,
          tenantName: `Benchmark ${runTag} previews`,
        },
        progress,
      );
    }
    const cpuProfile = options.cpuProfileDir
      ? summarizeCpuProfile(options.cpuProfileDir)
      : undefined;

    const report: Omit<BenchReport, 'targets'> = {
      startedAt: startedAt.toISOString(),
      mode: options.mode,
      durationSeconds: (performance.now() - clock) / 1000,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
        memoryGb: totalmem() / 1024 ** 3,
        node: process.version,
        loadAverageAtStart,
      },
      database: { kind: database.kind, settings },
      apps: {
        NODE_ENV: env.NODE_ENV,
        LOG_LEVEL: env.LOG_LEVEL,
        RATE_LIMIT_PER_MINUTE: env.RATE_LIMIT_PER_MINUTE,
        'ingest DB_POOL_MAX': String(options.ingestPoolMax),
        ...Object.fromEntries(
          Object.entries(BENCH_WORKER_ENV).map(([name, value]) => [`worker ${name}`, value]),
        ),
      },
      load: { ...describeLoad(generatorOptions), topCustomerShare: generator.topCustomerShare },
      profilesLoad,
      throughput,
      batchLatency,
      singleLatency,
      asyncIngest: {
        ...asyncRun,
        wal: asyncWal,
        singleLatency: asyncSingleLatency,
        ...(asyncStatements ? { statements: asyncStatements } : {}),
      },
      copy: { ...copy, apiToCopyRatio: throughput.eventsPerSecond / copy.rowsPerSecond },
      lookup: { ...lookup, cacheLagUnderIngest },
      exports,
      freshness,
      ...(deliveries ? { deliveries } : {}),
      ...(preview ? { preview } : {}),
      memory: {
        ingestPeakRssMb: Math.max(memoryAtEnd?.peak ?? 0, throughput.ingestRssMaxMb),
        ingestRssAtEndMb: memoryAtEnd?.rss ?? 0,
      },
      resolutionOutcomes,
      correctness: { ok: checks.every((c) => c.ok), checks },
      ...(statements ? { statements } : {}),
      ...(lookupStatements ? { lookupStatements } : {}),
      ...(cpuProfile ? { cpuProfile } : {}),
    };
    return { ...report, targets: evaluateTargets(report) };
  } finally {
    await apps?.stop();
    await db?.destroy();
    await database?.close();
  }
}
