import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import type { AnomalyKind } from '@stratum/quality';
import { replayHistory } from '../quality/replay-history';
import { integerBetween, parseUuid } from './cli-arguments';
import { withDb } from './cli-context';
import type { CliContext } from './cli-context';
import { CommandFailure } from './cli-errors';
import { printJson, println } from './cli-io';

interface ReplayCommandOptions {
  source: string;
  weeks: number;
  anomaly?: AnomalyKind;
  seed: number;
  peak: number;
  json?: boolean;
}

const KINDS: readonly AnomalyKind[] = ['drop', 'spike', 'silence'];

function parseKind(value: string): AnomalyKind {
  if (!(KINDS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`Must be one of ${KINDS.join(', ')}.`);
  }
  return value as AnomalyKind;
}

/** `cdp quality replay`: a synthetic history for a source, and what detection flags. */
export function registerQualityCommands(program: Command, ctx: CliContext): void {
  const quality = program.command('quality').description('per-source data quality');

  quality
    .command('replay')
    .description(
      "write a synthetic history into a source's hours (replacing them), ending at the last complete hour, and judge that hour",
    )
    .requiredOption('--source <id>', 'the source', parseUuid)
    .option('--weeks <n>', 'weeks of history', integerBetween(1, 52), 5)
    .option('--anomaly <kind>', 'spoil the end: drop, spike or silence', parseKind)
    .option('--seed <n>', 'same seed, same history', integerBetween(0, 2 ** 31 - 1), 1)
    .option('--peak <n>', "events in a weekday's busiest hour", integerBetween(1, 1_000_000), 400)
    .option('--json', 'print JSON')
    .action(async (options: ReplayCommandOptions) => {
      const result = await withDb(ctx, async (db) => {
        const source = await db
          .selectFrom('cdp_sources')
          .select(['tenant_id', 'source_id'])
          .where('source_id', '=', options.source)
          .executeTakeFirst();
        if (source === undefined) throw new CommandFailure(`No source ${options.source}.`);
        return replayHistory(db, {
          tenantId: source.tenant_id,
          sourceId: source.source_id,
          weeks: options.weeks,
          seed: options.seed,
          peakPerHour: options.peak,
          anomaly: options.anomaly,
        });
      });
      if (options.json === true) {
        return printJson(ctx.io, {
          source_id: options.source,
          ...result,
          anomaly: result.anomaly ?? null,
        });
      }
      println(
        ctx.io,
        `wrote ${result.hours} hours, ${result.from.toISOString()} to ${result.last.toISOString()}`,
      );
      const { anomaly } = result;
      if (anomaly === undefined) {
        println(ctx.io, `not flagged: ${result.last.toISOString()}, ${result.lastCount} events`);
        return;
      }
      println(
        ctx.io,
        `flagged: ${anomaly.kind} (${anomaly.severity}) at ${result.last.toISOString()}: ` +
          `${anomaly.count} events, expected ${anomaly.expected}, score ${anomaly.score}`,
      );
    });
}
