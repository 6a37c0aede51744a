import type { Command } from 'commander';
import { runRetention } from '@stratum/db';
import { integerBetween } from './cli-arguments';
import { withDb } from './cli-context';
import type { CliContext } from './cli-context';
import { printJson, println } from './cli-io';

interface RetentionOptions {
  months: number;
  rejectedDays: number;
  changeDays: number;
  json?: boolean;
}

/** `cdp retention run`. */
export function registerRetentionCommands(program: Command, ctx: CliContext): void {
  const retention = program.command('retention').description('remove data past its retention');

  retention
    .command('run')
    .description(
      'drop event partitions older than the retention, expired dedupe keys, rejected events and changes',
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
    .option('--json', 'print JSON')
    .action(async (options: RetentionOptions) => {
      const result = await withDb(ctx, (db) =>
        runRetention(db, {
          retentionMonths: options.months,
          rejectedEventDays: options.rejectedDays,
          changeDays: options.changeDays,
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
    });
}
