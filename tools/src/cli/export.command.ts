import { createWriteStream, existsSync } from 'node:fs';
import { appendFile, truncate } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import type { Command } from 'commander';
import { ExportEventsQuerySchema, ExportProfilesQuerySchema } from '@stratum/schemas';
import type { ExportFormat } from '@stratum/schemas';
import type { CliContext } from './cli-context';
import { CommandFailure, UsageError, describeError } from './cli-errors';
import { loadExportConfig } from './export-config';
import { exportProgress } from './export-progress';
import { RecordScanner } from './export-records';
import { findResumePoint } from './export-resume';
import type { ExportKind, ResumePoint } from './export-resume';
import { continuation } from './export-splice';

interface ExportOptions {
  format: string;
  out: string;
  resume?: boolean;
  url?: string;
  segment?: string;
  purpose?: string;
  from?: string;
  to?: string;
  profileId?: string;
}

// The API's query parameters, by the option that sets each.
const OPTION_OF: Record<string, string> = {
  format: '--format',
  segment: '--segment',
  purpose: '--purpose',
  from: '--from',
  to: '--to',
  profile_id: '--profile-id',
  after: '--resume',
};

/** The query of the export request, checked with the API's own schema before it is sent. */
function exportQuery(kind: ExportKind, options: ExportOptions, after: string | undefined) {
  const query =
    kind === 'profiles'
      ? { format: options.format, segment: options.segment, purpose: options.purpose, after }
      : {
          format: options.format,
          from: options.from,
          to: options.to,
          profile_id: options.profileId,
          after,
        };
  const schema = kind === 'profiles' ? ExportProfilesQuerySchema : ExportEventsQuerySchema;
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    throw new UsageError(
      parsed.error.issues
        .map(
          (issue) => `${OPTION_OF[String(issue.path[0])] ?? issue.path.join('.')} ${issue.message}`,
        )
        .join('; '),
    );
  }
  return Object.fromEntries(
    Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

// fetch's errors come from another realm under test runners (not `instanceof Error`): read
// their message and code by shape.
function reason(error: unknown): string {
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  if (typeof message === 'string' && message !== '') return message;
  return typeof code === 'string' ? code : describeError(error);
}

/** The problem the API answered, as one line. */
async function apiFailure(response: Response): Promise<CommandFailure> {
  const text = await response.text();
  let detail = text.slice(0, 200);
  try {
    const problem = JSON.parse(text) as {
      detail?: string;
      errors?: { path: string; message: string }[];
    };
    const fields = (problem.errors ?? []).map((e) => `${e.path} ${e.message}`);
    detail = [problem.detail, ...fields].filter(Boolean).join('; ');
  } catch {
    // Not a problem document (a proxy's page): its first characters say enough.
  }
  return new CommandFailure(`the profile API answered ${response.status}: ${detail}`);
}

async function startingPoint(ctx: CliContext, kind: ExportKind, options: ExportOptions) {
  const format = options.format as ExportFormat;
  if (options.resume !== true) return { kind: 'fresh' } as const;
  if (!existsSync(options.out)) {
    ctx.io.stderr(`${options.out} does not exist: exporting from the start\n`);
    return { kind: 'fresh' } as const;
  }
  const point: ResumePoint = await findResumePoint(options.out, format, kind).catch(
    (error: unknown) => {
      throw new CommandFailure(`cannot resume: ${describeError(error)}`);
    },
  );
  if (point.kind === 'fresh')
    ctx.io.stderr(`${options.out} holds no complete row: exporting from the start\n`);
  return point;
}

async function runExport(ctx: CliContext, kind: ExportKind, options: ExportOptions): Promise<void> {
  const config = loadExportConfig(ctx.io.env);
  const format = options.format as ExportFormat;
  exportQuery(kind, options, undefined);
  const point = await startingPoint(ctx, kind, options);
  if (point.kind === 'complete') {
    if (point.append !== '') await appendFile(options.out, point.append);
    ctx.io.stderr(`${options.out} is complete (${point.rows.toLocaleString('en-US')} rows)\n`);
    return;
  }
  const resuming = point.kind === 'resume';
  const url = new URL(`/api/v1/cdp/exports/${kind}`, options.url ?? config.CDP_PROFILE_URL);
  url.search = new URLSearchParams(
    exportQuery(kind, options, resuming ? point.after : undefined),
  ).toString();
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${config.CDP_API_KEY}` },
  }).catch((error: unknown) => {
    // fetch reports "fetch failed"; what failed (refused, reset, DNS) is its cause.
    const cause = (error as { cause?: unknown }).cause ?? error;
    throw new CommandFailure(`cannot reach the profile API at ${url.origin}: ${reason(cause)}`);
  });
  if (!response.ok || response.body === null) throw await apiFailure(response);

  // Only now that the rest is on its way: the cut row goes, the complete ones stay.
  if (resuming) await truncate(options.out, point.keepBytes);
  const startRows = resuming ? point.rows : 0;
  const startBytes = resuming ? point.keepBytes : 0;
  const scanner = new RecordScanner(format, !resuming);
  const progress = exportProgress(ctx.io, options.out, startRows);
  const rows = () => startRows + scanner.rows;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      scanner.push(chunk);
      progress.update(rows(), startBytes + scanner.size);
      callback(null, chunk);
    },
  });
  try {
    await pipeline([
      Readable.fromWeb(response.body as ReadableStream<Uint8Array>),
      ...(resuming ? [continuation(format)] : []),
      counter,
      createWriteStream(options.out, { flags: resuming ? 'a' : 'w' }),
    ]);
  } catch (error) {
    progress.done(rows(), startBytes + scanner.size);
    throw new CommandFailure(
      `the export stopped after ${rows().toLocaleString('en-US')} rows (${reason(error)}); ` +
        'run the same command with --resume to finish it',
    );
  }
  progress.done(rows(), startBytes + scanner.size);
}

function withCommonOptions(command: Command): Command {
  return command
    .requiredOption('--format <format>', 'csv, ndjson or json')
    .requiredOption('--out <file>', 'the file to write (replaced, unless --resume)')
    .option(
      '--resume',
      'continue an interrupted export of the same file after its last complete row',
    )
    .option(
      '--url <url>',
      'the profile API (default: CDP_PROFILE_URL, else http://localhost:3002)',
    );
}

/** `cdp export profiles|events`: streams an export of the profile API into a file. */
export function registerExportCommands(program: Command, ctx: CliContext): void {
  const exportCommand = program
    .command('export')
    .description(
      'export profiles or events to a file through the profile API (key in CDP_API_KEY)',
    );

  withCommonOptions(exportCommand.command('profiles').description('the surviving profiles, by id'))
    .option('--segment <id>', "only this segment's members (the key needs segments:read)")
    .option('--purpose <purpose>', 'only profiles whose current consent for it is granted')
    .action((options: ExportOptions) => runExport(ctx, 'profiles', options));

  withCommonOptions(exportCommand.command('events').description('events, by time then id'))
    .option('--from <time>', 'only events at or after this ISO 8601 time')
    .option('--to <time>', 'only events before this ISO 8601 time')
    .option('--profile-id <id>', 'only the events of this profile (and those merged into it)')
    .action((options: ExportOptions) => runExport(ctx, 'events', options));
}
