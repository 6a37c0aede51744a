import { Counter, Gauge } from 'prom-client';
import type { Metrics } from '@stratum/http';

/** The live stream's metrics, in the app's registry. */
export interface StreamMetrics {
  /** `cdp_stream_connections{transport}`: readers connected now. */
  connections: Gauge<'transport'>;
  /** `cdp_stream_messages_total{transport}`: messages written to readers. */
  messages: Counter<'transport'>;
  /** `cdp_stream_closed_total{reason}`: client, slow_reader, shutdown, error. */
  closed: Counter<'reason'>;
}

export function createStreamMetrics(metrics: Metrics): StreamMetrics {
  const registers = [metrics.registry];
  const stream: StreamMetrics = {
    connections: new Gauge({
      name: 'cdp_stream_connections',
      help: 'Live stream readers connected now, by transport.',
      labelNames: ['transport'],
      registers,
    }),
    messages: new Counter({
      name: 'cdp_stream_messages_total',
      help: 'Live stream messages written to readers, by transport.',
      labelNames: ['transport'],
      registers,
    }),
    closed: new Counter({
      name: 'cdp_stream_closed_total',
      help: 'Live streams ended, by reason: client, slow_reader, shutdown, error.',
      labelNames: ['reason'],
      registers,
    }),
  };
  for (const transport of ['sse', 'websocket']) {
    stream.connections.set({ transport }, 0);
    stream.messages.inc({ transport }, 0);
  }
  for (const reason of ['client', 'slow_reader', 'shutdown', 'error'])
    stream.closed.inc({ reason }, 0);
  return stream;
}
