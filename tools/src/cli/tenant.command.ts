import type { Command } from 'commander';
import { createTenant } from '@stratum/db';
import { integerBetween, parseName } from './cli-arguments';
import { withDb } from './cli-context';
import type { CliContext } from './cli-context';
import { printJson, println } from './cli-io';

interface TenantCreateOptions {
  name: string;
  dedupeWindowDays?: number;
  json?: boolean;
}

/** `cdp tenant create`. */
export function registerTenantCommands(program: Command, ctx: CliContext): void {
  const tenant = program.command('tenant').description('manage tenants (customer companies)');

  tenant
    .command('create')
    .description('create a tenant')
    .requiredOption('--name <name>', 'the company name', parseName)
    .option(
      '--dedupe-window-days <days>',
      'how long an event_id counts as a duplicate (default 7)',
      integerBetween(1, 365),
    )
    .option('--json', 'print JSON')
    .action(async (options: TenantCreateOptions) => {
      const created = await withDb(ctx, (db) =>
        createTenant(db, { name: options.name, dedupeWindowDays: options.dedupeWindowDays }),
      );
      if (options.json === true) return printJson(ctx.io, created);
      println(ctx.io, `Created tenant "${created.name}"`);
      println(ctx.io, `  tenant id:    ${created.tenantId}`);
      println(ctx.io, `  dedupe window: ${created.dedupeWindowDays} days`);
    });
}
