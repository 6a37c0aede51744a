import type { ExportEncoder } from './export-encoder';

/** Rows encoded together: few enough to stay small, enough to keep per-call costs low. */
const BATCH_ROWS = 256;

/** Text handed to the response at once: large writes, few of them. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The text of an export, in chunks of about 64 kB, pulled row by row from `rows`: only the
 * current batch and chunk are ever held, whatever the size of the export. The encoder's
 * start rides with the first rows, so nothing is sent before the first read succeeded.
 */
export async function* exportBody<R>(
  rows: AsyncIterable<R>,
  toRecord: (row: R) => Record<string, unknown>,
  encoder: ExportEncoder,
): AsyncGenerator<string, void, undefined> {
  let text = encoder.start;
  let batch: Record<string, unknown>[] = [];
  let first = true;
  for await (const row of rows) {
    batch.push(toRecord(row));
    if (batch.length < BATCH_ROWS) continue;
    text += encoder.rows(batch, first);
    first = false;
    batch = [];
    if (text.length >= CHUNK_CHARS) {
      yield text;
      text = '';
    }
  }
  if (batch.length > 0) text += encoder.rows(batch, first);
  yield text + encoder.end;
}
