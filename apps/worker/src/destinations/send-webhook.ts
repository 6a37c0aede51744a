import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { AttemptResult } from '@stratum/destinations';
import { isPublicAddress, parseRetryAfter } from '@stratum/webhooks';
import type { WebhookHeaders } from '@stratum/webhooks';
import { REFUSED_ADDRESS, publicOnlyLookup } from './public-lookup';

/** One attempt to make. */
export interface WebhookRequest {
  url: string;
  body: string;
  headers: WebhookHeaders;
  timeoutMs: number;
  /** DESTINATIONS_ALLOW_PRIVATE: skip the address check. */
  allowPrivate: boolean;
  /** Aborts the attempt (the worker is stopping). */
  signal?: AbortSignal;
}

/** Kept-alive connections per receiver, for a worker that sends many deliveries. */
export interface WebhookAgents {
  http: HttpAgent;
  https: HttpsAgent;
}

/** Agents keeping up to `maxSockets` connections to each receiver. */
export function createWebhookAgents(maxSockets = 50): WebhookAgents {
  return {
    http: new HttpAgent({ keepAlive: true, maxSockets }),
    https: new HttpsAgent({ keepAlive: true, maxSockets }),
  };
}

const REFUSED =
  'not sent: the host resolves to a private, loopback or link-local address (DESTINATIONS_ALLOW_PRIVATE is off)';

const NETWORK_ERRORS: Record<string, string> = {
  [REFUSED_ADDRESS]: REFUSED,
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the receiver',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed by the receiver',
};

// In words for the delivery log: never the request or the answer.
function networkError(error: NodeJS.ErrnoException): string {
  const code = error.code ?? '';
  if (code in NETWORK_ERRORS) return NETWORK_ERRORS[code]!;
  if (/CERT|SSL|TLS|EPROTO/.test(code)) return `TLS error (${code})`;
  return code === '' ? 'connection failed' : `connection failed (${code})`;
}

/**
 * POSTs one signed delivery and reports how it went, never throwing: an HTTP answer (its
 * status and Retry-After; the body is read and dropped), or why there was none. Redirects
 * are answers, not followed. Unless private targets are allowed, the address connected to
 * must be public: a literal IP is checked here, a name by the lookup at connect time.
 */
export function sendWebhook(
  request: WebhookRequest,
  agents: WebhookAgents,
): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const url = new URL(request.url);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!request.allowPrivate && isIP(host) !== 0 && !isPublicAddress(host)) {
    return Promise.resolve({ kind: 'failed', error: REFUSED, latencyMs: elapsed() });
  }
  return new Promise((resolve) => {
    const controller = new AbortController();
    let why: 'timeout' | 'stopping' | undefined;
    const abort = (reason: 'timeout' | 'stopping') => {
      why ??= reason;
      controller.abort();
    };
    const timer = setTimeout(() => abort('timeout'), request.timeoutMs);
    const onStop = () => abort('stopping');
    request.signal?.addEventListener('abort', onStop);
    if (request.signal?.aborted === true) onStop();
    let answer: IncomingMessage | undefined;
    let settled = false;
    const settle = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onStop);
      resolve(result);
    };
    const answered = (message: IncomingMessage): AttemptResult => ({
      kind: 'answered',
      status: message.statusCode ?? 0,
      retryAfterSeconds: parseRetryAfter(
        [message.headers['retry-after']].flat()[0] ?? undefined,
        Date.now(),
      ),
      latencyMs: elapsed(),
    });
    const https = url.protocol === 'https:';
    const outgoing = (https ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      agent: https ? agents.https : agents.http,
      lookup: request.allowPrivate ? undefined : publicOnlyLookup,
      signal: controller.signal,
      headers: {
        ...request.headers,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(request.body),
        'user-agent': 'Stratum-CDP-Webhooks/1',
      },
    });
    outgoing.on('response', (message) => {
      answer = message;
      message.resume();
      message.on('end', () => settle(answered(message)));
      message.on('error', () => settle(answered(message)));
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      // The status line arrived before the failure: the receiver did answer.
      if (answer !== undefined) settle(answered(answer));
      else if (why === 'timeout') {
        settle({
          kind: 'failed',
          error: `no answer within ${request.timeoutMs} ms`,
          latencyMs: elapsed(),
        });
      } else if (why === 'stopping') {
        settle({
          kind: 'failed',
          error: 'interrupted: the worker stopped during the attempt',
          latencyMs: elapsed(),
        });
      } else settle({ kind: 'failed', error: networkError(error), latencyMs: elapsed() });
    });
    outgoing.end(request.body);
  });
}
