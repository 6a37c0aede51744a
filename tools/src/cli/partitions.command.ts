import type { Command } from 'commander';
import { maintainPartitions } from '@stratum/db';
import { integerBetween } from './cli-arguments';
import { withDb } from './cli-context';
import type { CliContext } from './cli-context';
import { printJson, println } from './cli-io';

interface MaintainOptions {
  monthsAhead: number;
  monthsBehind: number;
  json?: boolean;
}

/** `cdp partitions maintain`. */
export function registerPartitionsCommands(program: Command, ctx: CliContext): void {
  const partitions = program.command('partitions').description('manage monthly event partitions');

  partitions
    .command('maintain')
    .description('create the monthly event partitions around now (run daily)')
    .option(
      '--months-ahead <n>',
      'months to create after the current one',
      integerBetween(0, 120),
      3,
    )
    .option(
      '--months-behind <n>',
      'months to create before the current one',
      integerBetween(0, 120),
      1,
    )
    .option('--json', 'print JSON')
    .action(async (options: MaintainOptions) => {
      const created = await withDb(ctx, (db) =>
        maintainPartitions(db, {
          monthsAhead: options.monthsAhead,
          monthsBehind: options.monthsBehind,
        }),
      );
      if (options.json === true) return printJson(ctx.io, { created });
      if (created.length === 0) return println(ctx.io, 'All partitions already exist.');
      for (const name of created) println(ctx.io, `created ${name}`);
    });
}
