import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import type { Db } from '@stratum/db';
import { runPrivacyRequest, streamAccessDocument } from '@stratum/privacy';
import { withDb } from './cli-context';
import type { CliContext } from './cli-context';
import { CommandFailure } from './cli-errors';
import { println } from './cli-io';
import { printRequest, submitFromCli, withRequestOptions } from './privacy-request-options';
import type { PrivacyRequestOptions } from './privacy-request-options';

interface AccessOptions extends PrivacyRequestOptions {
  out?: string;
}

/**
 * `cdp privacy access`: records an access request and runs it in this process, as the
 * worker would, then writes the document to `--out` (or stdout).
 */
export function registerPrivacyAccessCommand(privacy: Command, ctx: CliContext): void {
  withRequestOptions(
    privacy
      .command('access')
      .description('write everything held about these identifiers as one JSON document'),
  )
    .option('--out <file>', 'write the document to this file instead of stdout')
    .action(async (options: AccessOptions) => {
      await withDb(ctx, async (db) => {
        const submitted = await submitFromCli(db, 'access', options);
        const request = await runPrivacyRequest(db, options.tenant, submitted.requestId);
        if (request?.status !== 'done') throw new CommandFailure('The access request failed.');
        if (options.out === undefined) {
          await writeDocument(db, request.tenantId, request.requestId, (chunk) => {
            ctx.io.stdout(chunk);
            return Promise.resolve();
          });
          return println(ctx.io);
        }
        await writeToFile(db, request.tenantId, request.requestId, options.out);
        printRequest(ctx, request, options.json);
      });
    });
}

async function writeDocument(
  db: Db,
  tenantId: string,
  requestId: string,
  write: (chunk: string) => Promise<void>,
): Promise<void> {
  await streamAccessDocument(db, tenantId, requestId, write);
}

async function writeToFile(db: Db, tenantId: string, requestId: string, file: string) {
  // Owner-only: the document holds personal data.
  const out = createWriteStream(file, { mode: 0o600 });
  await writeDocument(db, tenantId, requestId, async (chunk) => {
    if (!out.write(chunk)) await once(out, 'drain');
  });
  out.end();
  await once(out, 'finish');
}
