import type { Command } from 'commander';
import { createApiKey, findSourceById, findTenantById, revokeApiKey } from '@stratum/db';
import type { ApiScope } from '@stratum/schemas';
import { parseName, parseScopes, parseUuid } from './cli-arguments';
import { withDb } from './cli-context';
import type { CliContext } from './cli-context';
import { CommandFailure } from './cli-errors';
import { printJson, println } from './cli-io';

interface KeyCreateOptions {
  tenant: string;
  name: string;
  scopes: ApiScope[];
  source?: string;
  json?: boolean;
}

interface KeyRevokeOptions {
  tenant: string;
  keyId: string;
  json?: boolean;
}

/** `cdp key create|revoke`. */
export function registerKeyCommands(program: Command, ctx: CliContext): void {
  const key = program.command('key').description('manage API keys');

  key
    .command('create')
    .description('create an API key; the key is printed once and only its hash is stored')
    .requiredOption('--tenant <id>', 'tenant id', parseUuid)
    .requiredOption('--name <name>', 'a label for the key', parseName)
    .requiredOption(
      '--scopes <list>',
      'comma-separated scopes, e.g. profiles:read,sources:read',
      parseScopes,
    )
    .option('--source <id>', 'make it a write key of this source (cdp_wk_)', parseUuid)
    .option('--json', 'print JSON')
    .action(async (options: KeyCreateOptions) => {
      const created = await withDb(ctx, async (db) => {
        if (!(await findTenantById(db, options.tenant)))
          throw new CommandFailure('Tenant not found.');
        if (
          options.source !== undefined &&
          !(await findSourceById(db, options.tenant, options.source))
        ) {
          throw new CommandFailure('Source not found in this tenant.');
        }
        return createApiKey(db, {
          tenantId: options.tenant,
          name: options.name,
          scopes: options.scopes,
          sourceId: options.source,
        });
      });
      if (options.json === true) return printJson(ctx.io, created);
      println(ctx.io, `Created key "${options.name}" (${created.scopes.join(', ')})`);
      println(ctx.io, `  key id: ${created.keyId}`);
      println(ctx.io, `  key:    ${created.key}`);
      println(ctx.io, 'Store the key now: it is not shown again and cannot be recovered.');
    });

  key
    .command('revoke')
    .description('revoke an API key')
    .requiredOption('--tenant <id>', 'tenant id', parseUuid)
    .requiredOption('--key-id <id>', 'key id', parseUuid)
    .option('--json', 'print JSON')
    .action(async (options: KeyRevokeOptions) => {
      const revoked = await withDb(ctx, (db) => revokeApiKey(db, options.tenant, options.keyId));
      if (!revoked) throw new CommandFailure('No active key with this id in this tenant.');
      if (options.json === true) return printJson(ctx.io, { keyId: options.keyId, revoked: true });
      println(ctx.io, `Revoked key ${options.keyId}.`);
    });
}
