import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import type { ExportEncoder } from './export-encoder';

/** How an export answer ended. */
export type ExportOutcome = 'complete' | 'client-gone';

export interface SendExportOptions {
  /** The file name offered to the client, without extension. */
  baseName: string;
  encoder: ExportEncoder;
  /**
   * How long a client may accept nothing before the answer is cut (default 60 s): an export
   * holds a pooled connection and a snapshot that keeps VACUUM from cleaning up behind it.
   */
  stallTimeoutMs?: number;
}

// The first chunk, then the rest; returning it early returns `rest` too (closing its cursor).
async function* prepend<T>(head: T, rest: AsyncIterator<T>): AsyncGenerator<T, void, undefined> {
  try {
    yield head;
    for (let next = await rest.next(); next.done !== true; next = await rest.next()) {
      yield next.value;
    }
  } finally {
    await rest.return?.();
  }
}

/**
 * Streams an export body to the client with backpressure: the body is read only as fast as
 * the client takes it. The first chunk is read before any header is sent, so a query that
 * fails at once is still answered with a problem. Resolves when the body is sent, or when
 * the client went away (or stalled) and the body was closed; rejects when reading it failed.
 */
export async function sendExport(
  res: Response,
  body: AsyncIterable<string>,
  options: SendExportOptions,
): Promise<ExportOutcome> {
  const iterator = body[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (res.destroyed) {
    await iterator.return?.();
    return 'client-gone';
  }
  const source = prepend(first.value ?? '', iterator);

  res.setHeader('Content-Type', options.encoder.contentType);
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${options.baseName}.${options.encoder.extension}"`,
  );
  res.setHeader('Cache-Control', 'private, no-store');
  res.setTimeout(options.stallTimeoutMs ?? 60_000, () => res.destroy());
  try {
    // Readable.from pulls the next chunk only when the response has drained.
    await pipeline(Readable.from(source, { objectMode: false }), res);
    return 'complete';
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
    // Settles once the body has closed its cursor, so the transaction can end after it.
    await source.return();
    return 'client-gone';
  }
}
