import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '@stratum/webhooks';

/** One request the receiver got. */
export interface WebhookArrival {
  /** When its body was complete (performance.now(), ms). */
  at: number;
  webhookId: string | undefined;
  /** `data.event_id` of the body, when it is an `event.received` payload. */
  eventId: string | undefined;
  /** The signature verified with the destination's secret. */
  valid: boolean;
}

/**
 * A webhook endpoint in the benchmark's own process, on 127.0.0.1: answers 204 to every
 * POST and books when it arrived, its `webhook-id`, the event it carries and whether its
 * signature verifies. Every request is verified, not a sample: one HMAC over a body it
 * parses anyway costs the load generator little next to the parse.
 */
export class WebhookReceiver {
  readonly arrivals: WebhookArrival[] = [];
  /** The destination's `whsec_` secret; until it is set, nothing verifies. */
  secret: string | undefined;
  /** Told of each arrival as it is booked. */
  onArrival: ((arrival: WebhookArrival) => void) | undefined;

  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      res.writeHead(204).end();
      this.book(at, req.headers, Buffer.concat(chunks).toString('utf8'));
    });
  });
  private port = 0;

  private constructor() {}

  /** Where the destination points. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/webhooks/bench`;
  }

  /** Listens on a free port of 127.0.0.1. */
  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    const { server } = receiver;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    receiver.port = (server.address() as AddressInfo).port;
    return receiver;
  }

  /** Stops listening and drops the worker's kept-alive connections. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private book(at: number, headers: http.IncomingHttpHeaders, body: string): void {
    const id = headers['webhook-id'];
    const signed = {
      'webhook-id': id,
      'webhook-timestamp': headers['webhook-timestamp'],
      'webhook-signature': headers['webhook-signature'],
    };
    const arrival: WebhookArrival = {
      at,
      webhookId: typeof id === 'string' ? id : undefined,
      eventId: eventIdOf(body),
      valid: this.secret !== undefined && verifyWebhook(this.secret, signed, body).ok,
    };
    this.arrivals.push(arrival);
    this.onArrival?.(arrival);
  }
}

function eventIdOf(body: string): string | undefined {
  try {
    const payload = JSON.parse(body) as { type?: unknown; data?: { event_id?: unknown } };
    const eventId = payload.data?.event_id;
    return payload.type === 'event.received' && typeof eventId === 'string' ? eventId : undefined;
  } catch {
    return undefined;
  }
}
