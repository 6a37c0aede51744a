import type { Command } from 'commander';
import { MIN_SOURCE_QUALITY_DAYS, runRetention } from '@stratum/db';
import { integerBetween } from './cli-arguments';
import { withDb } from './cli-context';
import type { CliContext } from './cli-context';
import { printJson, println } from './cli-io';

interface RetentionOptions {
  months: number;
  rejectedDays: number;
  changeDays: number;
  qualityDays: number;
  accessResultDays: number;
  json?: boolean;
}

/** `cdp retention run`. */
export function registerRetentionCommands(program: Command, ctx: CliContext): void {
  const retention = program.command('retention').description('remove data past its retention');

  retention
    .command('run')
    .description(
      'drop event partitions older than the retention, expired dedupe keys, rejected events, changes, source-hours, volume anomalies and access documents',
    )
    .option('--months <n>', 'months of events to keep', integerBetween(1, 1_200), 25)
    .option(
      '--rejected-days <n>',
      'days of the rejected-events log to keep',
      integerBetween(1, 3_650),
      7,
    )
    .option(
      '--change-days <n>',
      'days of the change feed to keep (consumers further behind lose their cursor)',
      integerBetween(1, 3_650),
      7,
    )
    .option(
      '--quality-days <n>',
      `days of source-hours and volume anomalies to keep (at least ${MIN_SOURCE_QUALITY_DAYS}: anomaly detection reads five weeks back)`,
      integerBetween(MIN_SOURCE_QUALITY_DAYS, 3_650),
      90,
    )
    .option(
      '--access-result-days <n>',
      'days an access request’s document (personal data) is kept after the request finished',
      integerBetween(1, 3_650),
      30,
    )
    .option('--json', 'print JSON')
    .action(async (options: RetentionOptions) => {
      const result = await withDb(ctx, (db) =>
        runRetention(db, {
          retentionMonths: options.months,
          rejectedEventDays: options.rejectedDays,
          changeDays: options.changeDays,
          sourceQualityDays: options.qualityDays,
          accessResultDays: options.accessResultDays,
        }),
      );
      if (options.json === true) return printJson(ctx.io, result);
      if (result.droppedPartitions.length === 0)
        println(ctx.io, 'No event partition past retention.');
      for (const name of result.droppedPartitions) println(ctx.io, `dropped ${name}`);
      println(ctx.io, `expired dedupe keys: ${result.expiredDedupeKeys}`);
      println(ctx.io, `expired rejected events: ${result.expiredRejectedEvents}`);
      println(ctx.io, `expired changes: ${result.expiredChanges}`);
      for (const consumer of result.droppedChangeCursors) {
        println(ctx.io, `change cursor dropped (consumer must resync): ${consumer}`);
      }
      println(ctx.io, `expired source hours: ${result.expiredSourceHours}`);
      println(ctx.io, `expired volume anomalies: ${result.expiredVolumeAnomalies}`);
      println(ctx.io, `expired access documents: ${result.expiredAccessResults}`);
    });
}
