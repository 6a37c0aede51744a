import type { Command } from 'commander';
import { getMigrationStatus, migrateDown, migrateToLatest } from '@stratum/db';
import type { MigrationOutcome } from '@stratum/db';
import { withDb } from './cli-context';
import type { CliContext } from './cli-context';
import { printJson, println } from './cli-io';

interface JsonOption {
  json?: boolean;
}

function report(ctx: CliContext, outcomes: MigrationOutcome[], json: boolean, none: string): void {
  if (json) return printJson(ctx.io, outcomes);
  if (outcomes.length === 0) return println(ctx.io, none);
  for (const o of outcomes)
    println(ctx.io, `${o.direction === 'Up' ? 'applied' : 'reverted'} ${o.migrationName}`);
}

/** `cdp migrate up|down|status`. */
export function registerMigrateCommands(program: Command, ctx: CliContext): void {
  const migrate = program
    .command('migrate')
    .description('apply, revert or list database migrations');

  migrate
    .command('up')
    .description('apply every pending migration')
    .option('--json', 'print JSON')
    .action(async (options: JsonOption) => {
      const outcomes = await withDb(ctx, migrateToLatest);
      report(ctx, outcomes, options.json === true, 'Already up to date.');
    });

  migrate
    .command('down')
    .description('revert the most recent migration (one step)')
    .option('--json', 'print JSON')
    .action(async (options: JsonOption) => {
      const outcomes = await withDb(ctx, migrateDown);
      report(ctx, outcomes, options.json === true, 'No migration to revert.');
    });

  migrate
    .command('status')
    .description('list migrations and when they were applied')
    .option('--json', 'print JSON')
    .action(async (options: JsonOption) => {
      const status = await withDb(ctx, getMigrationStatus);
      if (options.json === true) return printJson(ctx.io, status);
      for (const m of status) {
        println(
          ctx.io,
          `${m.executedAt ? m.executedAt.toISOString() : 'pending                 '}  ${m.name}`,
        );
      }
      const pending = status.filter((m) => m.executedAt === null).length;
      println(ctx.io, pending === 0 ? 'Up to date.' : `${pending} pending.`);
    });
}
