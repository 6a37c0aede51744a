import type { Command } from 'commander';
import { findTenantById } from '@stratum/db';
import type { Db, PrivacyRequestType } from '@stratum/db';
import type { IdentifierInput } from '@stratum/identity';
import {
  describePrivacyRequest,
  hashRequestIdentifiers,
  privacyRequestToJson,
  submitPrivacyRequest,
} from '@stratum/privacy';
import type { PrivacyRequestRecord } from '@stratum/privacy';
import { parseUuid } from './cli-arguments';
import type { CliContext } from './cli-context';
import { CommandFailure, UsageError } from './cli-errors';
import { printJson, println } from './cli-io';
import { collectIdentifier } from './privacy-identifiers';

// What every privacy request command shares: its options, the submission, the printout.

/** The options every request command takes. */
export interface PrivacyRequestOptions {
  tenant: string;
  identifier?: IdentifierInput[];
  hash?: IdentifierInput[];
  json?: boolean;
}

/** Adds `--tenant`, `--identifier`, `--hash` and `--json` to a request command. */
export function withRequestOptions(command: Command): Command {
  return command
    .requiredOption('--tenant <id>', 'tenant id', parseUuid)
    .option(
      '--identifier <type=value>',
      'an identifier in clear, normalized and hashed here (repeatable)',
      collectIdentifier('value'),
    )
    .option(
      '--hash <type=hash>',
      'an identifier already hashed: 64 lowercase hex (repeatable)',
      collectIdentifier('hash'),
    )
    .option('--json', 'print JSON');
}

/**
 * Records a request as the API does (hashes only) and returns it; erase and access are left
 * pending for the caller to run in this process.
 */
export async function submitFromCli(
  db: Db,
  type: PrivacyRequestType,
  options: PrivacyRequestOptions,
): Promise<PrivacyRequestRecord> {
  const inputs = [...(options.identifier ?? []), ...(options.hash ?? [])];
  if (inputs.length === 0) throw new UsageError('Give at least one --identifier or --hash.');
  const hashed = hashRequestIdentifiers(inputs);
  if (!hashed.ok) {
    const which = hashed.issues.map((i) => `${describeOption(i.path, inputs)} ${i.message}`);
    throw new UsageError(which.join('; '));
  }
  if (!(await findTenantById(db, options.tenant))) throw new CommandFailure('Tenant not found.');
  return submitPrivacyRequest(db, options.tenant, type, hashed.identifiers, { queue: false });
}

// `identifiers.1.value` → "--identifier #2 (email)": the value itself is never echoed.
function describeOption(path: string, inputs: readonly IdentifierInput[]): string {
  const index = Number(path.split('.')[1]);
  const input = inputs[index];
  const option = input?.hash === undefined ? '--identifier' : '--hash';
  return `${option} #${index + 1} (${input?.type ?? '?'})`;
}

/** Prints a request as the API shows it: a sentence, or the JSON with `--json`. */
export function printRequest(ctx: CliContext, request: PrivacyRequestRecord, json?: boolean): void {
  if (json === true) return printJson(ctx.io, privacyRequestToJson(request));
  println(ctx.io, `${request.type} request ${request.requestId}: ${request.status}`);
  println(ctx.io, `  ${describePrivacyRequest(request)}`);
  for (const [what, n] of Object.entries(request.counts)) println(ctx.io, `  ${what}: ${n}`);
}
