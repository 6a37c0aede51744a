import { deflateSync, gzipSync } from 'node:zlib';
import express from 'express';
import request from 'supertest';
import { errorHandler } from '../errors/error-handler';
import { createTestLogger } from '../testing';
import { vendorBody } from './vendor-body.middleware';

const LIMIT = 1024;

const app = express();
app.post('/in', vendorBody({ limit: LIMIT }), (req, res) => {
  res.json({ body: req.body as unknown });
});
app.use(errorHandler(createTestLogger().logger));

/** A POST whose body goes out byte for byte, whatever its Content-Type says. */
function post(headers: Record<string, string | undefined>, body: Buffer | string) {
  const req = request(app).post('/in');
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) void req.set(name, value);
  }
  return req.serialize((raw: unknown) => raw as string).send(body);
}
const json = JSON.stringify({ batch: [{ type: 'track', event: 'Signed Up' }] });

describe('vendorBody', () => {
  it.each([
    ['application/json', 'identity', Buffer.from(json)],
    ['text/plain', undefined, Buffer.from(json)],
    ['application/x-www-form-urlencoded', 'gzip', gzipSync(json)],
    ['application/json', 'x-gzip', gzipSync(json)],
    ['application/json', 'deflate', deflateSync(json)],
    [undefined, 'GZIP', gzipSync(json)],
  ])('reads JSON labelled %s with Content-Encoding %s', async (type, encoding, body) => {
    const res = await post({ 'Content-Type': type, 'Content-Encoding': encoding }, body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ body: JSON.parse(json) });
  });

  it('reads a body of exactly the limit, decompressed', async () => {
    const exact = JSON.stringify({ pad: 'x'.repeat(LIMIT - 10) });
    expect(Buffer.byteLength(exact)).toBe(LIMIT);
    const res = await post({ 'Content-Encoding': 'gzip' }, gzipSync(exact));
    expect(res.status).toBe(200);
  });

  it.each([
    ['gzip', gzipSync(JSON.stringify({ pad: 'x'.repeat(LIMIT) }))],
    ['deflate', deflateSync(JSON.stringify({ pad: 'x'.repeat(LIMIT) }))],
    // 50 MB of zeros in about 50 KB: inflated only up to the limit, then refused.
    ['gzip', gzipSync(Buffer.alloc(50 * 1024 * 1024))],
  ])('answers 413 when the %s body inflates past the limit', async (encoding, body) => {
    const res = await post({ 'Content-Encoding': encoding }, body);
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.type).toMatch(/payload-too-large$/);
  });

  it('answers 413 for a plain body past the limit', async () => {
    const res = await post(
      { 'Content-Type': 'text/plain' },
      JSON.stringify({ pad: 'x'.repeat(LIMIT) }),
    );
    expect(res.status).toBe(413);
  });

  it.each([
    ['gzip', Buffer.from(json)],
    ['gzip', gzipSync(json).subarray(0, 20)],
    ['deflate', Buffer.from(json)],
  ])('answers 400 naming Content-Encoding when the body is not %s', async (encoding, body) => {
    const res = await post({ 'Content-Encoding': encoding }, body);
    expect(res.status).toBe(400);
    expect(res.body.type).toMatch(/bad-request$/);
    expect(res.body.errors).toEqual([
      { path: 'Content-Encoding', message: `the body is not valid ${encoding} data` },
    ]);
  });

  it('answers 415 for an encoding it does not speak', async () => {
    const res = await post({ 'Content-Encoding': 'br' }, json);
    expect(res.status).toBe(415);
    expect(res.body.errors[0].path).toBe('Content-Encoding');
  });

  it.each([
    ['empty', ''],
    ['malformed', '{"batch": ['],
  ])('answers 400 MALFORMED_JSON for a body that is %s', async (_what, body) => {
    const res = await post(
      { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' },
      gzipSync(body),
    );
    expect(res.status).toBe(400);
    expect(res.body.type).toMatch(/malformed-json$/);
    expect(JSON.stringify(res.body)).not.toContain('batch');
  });
});
