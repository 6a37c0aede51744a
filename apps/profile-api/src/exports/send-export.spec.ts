import { get } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportEncoder } from './export-encoder';
import { sendExport } from './send-export';

const CHUNK = 'x'.repeat(64 * 1024);

interface Run {
  chunks: number;
  closed: boolean;
  outcome?: Promise<unknown>;
}

/** An endless body (or one failing after `failAfter` chunks) that records how far it got. */
async function* body(run: Run, failAfter = Infinity): AsyncGenerator<string> {
  try {
    for (;;) {
      if (run.chunks === failAfter) throw new Error('the database went away');
      // As a database read would, each chunk takes a turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      run.chunks += 1;
      yield CHUNK;
    }
  } finally {
    run.closed = true;
  }
}

let server: Server;
let url: string;
let run: Run;
let failAfter: number;

beforeAll(async () => {
  const app = express();
  app.get('/export', (_req, res) => {
    run.outcome = sendExport(res, body(run, failAfter), {
      baseName: 'test',
      encoder: exportEncoder('ndjson', []),
      stallTimeoutMs: 300,
    }).catch((error: unknown) => {
      if (!res.headersSent) res.status(500).json({ failed: true });
      else res.destroy();
      return error;
    });
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/export`;
});

beforeEach(() => {
  run = { chunks: 0, closed: false };
  failAfter = Infinity;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function request(): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => get(url, resolve).on('error', reject));
}

describe('sendExport', () => {
  it('reads the body only as fast as a client takes it, and closes it when the client goes away', async () => {
    const res = await request();
    expect(res.headers['content-disposition']).toBe('attachment; filename="test.ndjson"');
    res.pause();
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Socket buffers hold a few MB; an unread endless body would have made hundreds.
    expect(run.chunks).toBeLessThan(300);
    res.destroy();
    expect(await run.outcome).toBe('client-gone');
    expect(run.closed).toBe(true);
  });

  it('cuts a client that takes nothing for the stall timeout, and closes the body', async () => {
    const res = await request();
    res.pause();
    expect(await run.outcome).toBe('client-gone');
    expect(run.closed).toBe(true);
    res.destroy();
  });

  it('answers a failure before the first chunk as an error, nothing sent yet', async () => {
    failAfter = 0;
    const res = await request();
    expect(res.statusCode).toBe(500);
    expect(((await run.outcome) as Error).message).toBe('the database went away');
    res.resume();
  });

  it('cuts the answer when the body fails later, so the client sees it incomplete', async () => {
    failAfter = 20;
    const res = await request();
    expect(res.statusCode).toBe(200);
    const ended = new Promise<string>((resolve) => {
      res.on('error', () => resolve('error'));
      res.on('end', () => resolve('end'));
    });
    res.resume();
    expect(await ended).toBe('error');
    expect(((await run.outcome) as Error).message).toBe('the database went away');
    expect(run.closed).toBe(true);
  });
});
