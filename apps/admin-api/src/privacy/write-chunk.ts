import { once } from 'node:events';
import type { Response } from 'express';

/**
 * Writes to the answer, waiting while the client's socket buffer is full. A client that
 * went away ends the stream (rejects), so a document is not read on for nobody.
 */
export async function writeChunk(res: Response, chunk: string): Promise<void> {
  if (res.destroyed) throw new Error('the client closed the connection');
  if (res.write(chunk)) return;
  const ac = new AbortController();
  try {
    await Promise.race([
      once(res, 'drain', { signal: ac.signal }),
      once(res, 'close', { signal: ac.signal }).then(() => {
        throw new Error('the client closed the connection');
      }),
    ]);
  } finally {
    ac.abort();
  }
}
