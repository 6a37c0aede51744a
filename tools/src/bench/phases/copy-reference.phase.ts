import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { normalizeIdentifier } from '@stratum/identity';
import { EventGenerator } from '../load/event-generator';
import type { EventGeneratorOptions } from '../load/event-generator';
import type { Progress } from '../report/progress';
import { copyFromStdin, copyText } from './copy-in';

export interface CopyResult {
  rows: number;
  /** Distinct event rows generated; longer runs cycle through them with new event ids. */
  distinctRows: number;
  seconds: number;
  rowsPerSecond: number;
}

const MAX_DISTINCT = 100_000;
const CHUNK_ROWS = 1000;
const COLUMNS =
  'tenant_id, event_id, occurred_at, received_at, sent_at, source_id, profile_id, type, name, identifiers, traits, properties, context';

/**
 * The physical reference: the event rows the API received (same generator, same seed:
 * the first events of the run), hashed as the API stores them, written by one COPY into
 * cdp_events of a separate tenant. Rows are prepared before the clock starts, so the
 * figure is PostgreSQL's, not the generator's. Beyond 100,000 rows the prepared rows are
 * reused with new event ids, which keeps the benchmark's own memory bounded.
 */
export async function runCopyReference(
  databaseUrl: string,
  tenantId: string,
  rows: number,
  generatorOptions: EventGeneratorOptions,
  progress: Progress,
): Promise<CopyResult> {
  progress.status('preparing rows');
  const generator = new EventGenerator({ ...generatorOptions, retryShare: 0 });
  const receivedAt = new Date().toISOString();
  const distinct = Math.min(rows, MAX_DISTINCT);
  const tails: string[] = [];
  for (let i = 0; i < distinct; i++) tails.push(rowTail(generator.fresh().body, receivedAt));

  const chunks = function* () {
    for (let from = 0; from < rows; from += CHUNK_ROWS) {
      let text = '';
      for (let seq = from; seq < Math.min(rows, from + CHUNK_ROWS); seq++) {
        text += `${tenantId}\tcopy-${seq}\t${tails[seq % distinct]}\n`;
      }
      yield Buffer.from(text);
    }
  };

  const client = new Client({
    connectionString: databaseUrl,
    application_name: 'stratum-bench-copy',
  });
  await client.connect();
  try {
    progress.status(`COPY of ${rows.toLocaleString('en-US')} rows`);
    const started = performance.now();
    const copied = await copyFromStdin(client, `COPY cdp_events (${COLUMNS}) FROM STDIN`, chunks());
    const seconds = (performance.now() - started) / 1000;
    const result = {
      rows: copied,
      distinctRows: distinct,
      seconds,
      rowsPerSecond: copied / seconds,
    };
    progress.done(`${Math.round(result.rowsPerSecond).toLocaleString('en-US')} rows/s`);
    return result;
  } finally {
    await client.end();
  }
}

/** Every column after event_id, in COPY text format, as the API would store the event. */
function rowTail(event: ReturnType<EventGenerator['fresh']>['body'], receivedAt: string): string {
  const identifiers = event.identifiers.map((id) => {
    const normalized = normalizeIdentifier(id, { defaultCountry: 'US' });
    if (!normalized.ok) throw new Error(`synthetic ${id.type} identifier does not normalize`);
    return normalized.identifier;
  });
  const json = (value: unknown) => copyText(value === undefined ? null : JSON.stringify(value));
  return [
    event.timestamp,
    receivedAt,
    event.sent_at,
    '\\N',
    randomUUID(),
    event.type,
    copyText(event.name ?? null),
    json(identifiers),
    json(event.traits),
    json(event.properties),
    json(event.context),
  ].join('\t');
}
