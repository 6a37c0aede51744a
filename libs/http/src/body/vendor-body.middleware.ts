import { createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../errors/app-error';

/** Options of {@link vendorBody}. */
export interface VendorBodyOptions {
  /** Largest body accepted, in bytes, counted after decompression (and before it too). */
  limit: number;
}

/**
 * Reads the body as JSON whatever its `Content-Type` says, for vendor clients that
 * mislabel it (analytics.js sends `text/plain`, rudder-sdk-node gzip labelled
 * `application/x-www-form-urlencoded`). `Content-Encoding: gzip` and `deflate` are
 * decompressed as a stream and stopped as soon as the output passes `limit`: a small zip
 * bomb is answered 413 after inflating at most `limit` and one chunk, never all of it.
 * Answers 400 BAD_REQUEST for a body that is not in its declared encoding, 400
 * MALFORMED_JSON for an empty or malformed body, 413 past `limit`, 415 for another encoding.
 */
export function vendorBody(options: VendorBodyOptions): RequestHandler {
  return async (req, _res, next) => {
    const declared = req.get('Content-Length');
    if (declared !== undefined && Number(declared) > options.limit) {
      req.resume();
      throw tooLarge(options.limit);
    }
    const raw = await readDecoded(req, options.limit);
    req.body = parseJson(raw);
    next();
  };
}

function readDecoded(req: Request, limit: number): Promise<Buffer> {
  const encoding = (req.get('Content-Encoding') ?? 'identity').trim().toLowerCase();
  const decoder = decoderFor(encoding);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let rawSize = 0;
    let size = 0;
    let settled = false;
    const fail = (error: AppError): void => {
      if (settled) return;
      settled = true;
      if (decoder !== undefined) {
        req.unpipe(decoder);
        decoder.destroy();
      }
      // Read off the rest so the connection can answer; nothing more is kept or inflated.
      req.resume();
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      rawSize += chunk.length;
      if (rawSize > limit) fail(tooLarge(limit));
    });
    req.on('error', () => fail(new AppError('BAD_REQUEST', { detail: 'The request was aborted' })));
    const output = decoder ?? req;
    if (decoder !== undefined) {
      output.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) fail(tooLarge(limit));
        else chunks.push(chunk);
      });
      decoder.on('error', () => fail(notEncoded(encoding)));
      req.pipe(decoder);
    } else {
      req.on('data', (chunk: Buffer) => {
        if (!settled) chunks.push(chunk);
      });
    }
    output.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    });
  });
}

function decoderFor(encoding: string): Transform | undefined {
  switch (encoding) {
    case 'identity':
    case '':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    default:
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
        detail: 'Content-Encoding must be gzip, deflate or identity',
        errors: [{ path: 'Content-Encoding', message: 'must be gzip, deflate or identity' }],
      });
  }
}

function parseJson(raw: Buffer): unknown {
  // A UTF-8 byte order mark is not JSON, but some clients write one.
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    throw new AppError('MALFORMED_JSON', {
      detail: 'The body is empty: send a JSON object',
      errors: [{ path: '', message: 'is empty' }],
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError('MALFORMED_JSON', {
      detail: 'The body is not valid JSON',
      errors: [{ path: '', message: 'is not valid JSON' }],
      cause: error,
    });
  }
}

function tooLarge(limit: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', {
    detail: `A request is at most ${limit} bytes, decompressed`,
  });
}

function notEncoded(encoding: string): AppError {
  const name = encoding === 'x-gzip' ? 'gzip' : encoding;
  return new AppError('BAD_REQUEST', {
    detail: `Content-Encoding says ${name}, but the body is not ${name} data`,
    errors: [{ path: 'Content-Encoding', message: `the body is not valid ${name} data` }],
  });
}
