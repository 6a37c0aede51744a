import type { Command } from 'commander';
import { createApiKey, createSource, findTenantById, listSources } from '@stratum/db';
import type { SourceRecord } from '@stratum/db';
import { integerBetween, parseCountry, parseName, parseUuid } from './cli-arguments';
import { withDb } from './cli-context';
import type { CliContext } from './cli-context';
import { CommandFailure } from './cli-errors';
import { printJson, println } from './cli-io';

interface SourceCreateOptions {
  tenant: string;
  name: string;
  defaultCountry?: string;
  rateLimit?: number;
  json?: boolean;
}

interface SourceListOptions {
  tenant: string;
  json?: boolean;
}

function describeSource(source: SourceRecord): string {
  const details = [
    source.enabled ? 'enabled' : 'disabled',
    `country ${source.defaultCountry ?? '-'}`,
    `limit ${source.rateLimitPerMinute === null ? 'default' : `${source.rateLimitPerMinute}/min`}`,
  ];
  return `${source.sourceId}  ${source.name}  (${details.join(', ')})`;
}

/** `cdp source create|list`. */
export function registerSourceCommands(program: Command, ctx: CliContext): void {
  const source = program.command('source').description('manage sources (event producers)');

  source
    .command('create')
    .description('create a source and its write key (printed once)')
    .requiredOption('--tenant <id>', 'tenant id', parseUuid)
    .requiredOption('--name <name>', 'source name, unique in the tenant', parseName)
    .option(
      '--default-country <code>',
      'country for phone numbers without a country code',
      parseCountry,
    )
    .option(
      '--rate-limit <perMinute>',
      'requests a minute for this source',
      integerBetween(1, 1_000_000),
    )
    .option('--json', 'print JSON')
    .action(async (options: SourceCreateOptions) => {
      const created = await withDb(ctx, async (db) => {
        if (!(await findTenantById(db, options.tenant)))
          throw new CommandFailure('Tenant not found.');
        return db.transaction().execute(async (trx) => {
          const result = await createSource(trx, {
            tenantId: options.tenant,
            name: options.name,
            defaultCountry: options.defaultCountry,
            rateLimitPerMinute: options.rateLimit,
          });
          if (!result.ok)
            throw new CommandFailure('A source with this name already exists in this tenant.');
          const writeKey = await createApiKey(trx, {
            tenantId: options.tenant,
            sourceId: result.value.sourceId,
            name: `${result.value.name} write key`,
            scopes: ['events:write'],
          });
          return { source: result.value, writeKey };
        });
      });
      if (options.json === true) return printJson(ctx.io, created);
      println(ctx.io, `Created source "${created.source.name}"`);
      println(ctx.io, `  source id: ${created.source.sourceId}`);
      println(ctx.io, `  write key: ${created.writeKey.key}`);
      println(ctx.io, 'Store the write key now: it is not shown again and cannot be recovered.');
    });

  source
    .command('list')
    .description("list a tenant's sources")
    .requiredOption('--tenant <id>', 'tenant id', parseUuid)
    .option('--json', 'print JSON')
    .action(async (options: SourceListOptions) => {
      const sources = await withDb(ctx, async (db) => {
        if (!(await findTenantById(db, options.tenant)))
          throw new CommandFailure('Tenant not found.');
        return listSources(db, options.tenant);
      });
      if (options.json === true) return printJson(ctx.io, sources);
      if (sources.length === 0) return println(ctx.io, 'No sources.');
      for (const s of sources) println(ctx.io, describeSource(s));
    });
}
