import type { Command } from 'commander';
import { findPrivacyRequest, runPrivacyRequest } from '@stratum/privacy';
import { parseUuid } from './cli-arguments';
import { withDb } from './cli-context';
import type { CliContext } from './cli-context';
import { CommandFailure } from './cli-errors';
import { registerPrivacyAccessCommand } from './privacy-access.command';
import { printRequest, submitFromCli, withRequestOptions } from './privacy-request-options';
import type { PrivacyRequestOptions } from './privacy-request-options';

/** `cdp privacy suppress|unsuppress|access|erase|status`. */
export function registerPrivacyCommands(program: Command, ctx: CliContext): Command {
  const privacy = program
    .command('privacy')
    .description(
      'privacy requests: suppress, unsuppress, access, erase, and their status (hashes only kept)',
    );

  for (const type of ['suppress', 'unsuppress'] as const) {
    withRequestOptions(
      privacy
        .command(type)
        .description(
          type === 'suppress'
            ? 'stop storing events that carry these identifiers'
            : 'lift the suppression of these identifiers',
        ),
    ).action(async (options: PrivacyRequestOptions) => {
      const request = await withDb(ctx, (db) => submitFromCli(db, type, options));
      printRequest(ctx, request, options.json);
    });
  }

  withRequestOptions(
    privacy
      .command('erase')
      .description(
        'delete the profiles these identifiers reach and everything held about them, here and now',
      ),
  ).action(async (options: PrivacyRequestOptions) => {
    const request = await withDb(ctx, async (db) => {
      const submitted = await submitFromCli(db, 'erase', options);
      return runPrivacyRequest(db, options.tenant, submitted.requestId);
    });
    if (request === undefined) throw new CommandFailure('The erase request failed.');
    printRequest(ctx, request, options.json);
  });

  privacy
    .command('status')
    .description('show a privacy request')
    .argument('<request-id>', 'the request id', parseUuid)
    .requiredOption('--tenant <id>', 'tenant id', parseUuid)
    .option('--json', 'print JSON')
    .action(async (requestId: string, options: { tenant: string; json?: boolean }) => {
      const request = await withDb(ctx, (db) => findPrivacyRequest(db, options.tenant, requestId));
      if (request === undefined) throw new CommandFailure('Privacy request not found.');
      printRequest(ctx, request, options.json);
    });

  registerPrivacyAccessCommand(privacy, ctx);
  return privacy;
}
