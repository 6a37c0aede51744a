import type { Command } from 'commander';
import { DEMO_TENANT_NAME, findTenantByName, seedDemo } from '@stratum/db';
import { withDb } from './cli-context';
import type { CliContext } from './cli-context';
import { printJson, println } from './cli-io';

interface SeedOptions {
  json?: boolean;
}

/** `cdp seed demo`. */
export function registerSeedCommands(program: Command, ctx: CliContext): void {
  const seed = program.command('seed').description('create sample data');

  seed
    .command('demo')
    .description(`create the "${DEMO_TENANT_NAME}" tenant with a source and keys (once)`)
    .option('--json', 'print JSON')
    .action(async (options: SeedOptions) => {
      const outcome = await withDb(ctx, async (db) => {
        const existing = await findTenantByName(db, DEMO_TENANT_NAME);
        if (existing) return { created: false as const, tenantId: existing.tenantId };
        return { created: true as const, seeded: await seedDemo(db) };
      });
      if (!outcome.created) {
        if (options.json === true)
          return printJson(ctx.io, { created: false, tenantId: outcome.tenantId });
        println(
          ctx.io,
          `The demo tenant already exists (${outcome.tenantId}); its keys were shown when it was created.`,
        );
        return;
      }
      const { tenant, source, writeKey, secretKey } = outcome.seeded;
      if (options.json === true) {
        return printJson(ctx.io, {
          created: true,
          tenantId: tenant.tenantId,
          sourceId: source.sourceId,
          writeKey: writeKey.key,
          writeKeyId: writeKey.keyId,
          secretKey: secretKey.key,
          secretKeyId: secretKey.keyId,
          secretKeyScopes: secretKey.scopes,
        });
      }
      println(ctx.io, `Created tenant "${tenant.name}" (${tenant.tenantId})`);
      println(ctx.io, `  source "${source.name}": ${source.sourceId}`);
      println(ctx.io, `  write key (events:write): ${writeKey.key}`);
      println(ctx.io, `  secret key (${secretKey.scopes.join(', ')}): ${secretKey.key}`);
      println(ctx.io, 'Store the keys now: they are not shown again.');
    });
}
