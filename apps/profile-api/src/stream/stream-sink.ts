/** Why a stream ended, as counted in `cdp_stream_closed_total{reason}`. */
export type CloseReason = 'client' | 'slow_reader' | 'shutdown' | 'error';

/** Where a reader's messages go: an SSE response or a WebSocket. */
export interface StreamSink {
  readonly transport: 'sse' | 'websocket';
  /** Writes one message (its JSON and id). */
  write(id: string, type: string, json: string): void;
  /** Bytes written but not yet taken by the network. */
  bufferedBytes(): number;
  /** Resolves once the written bytes have gone out (or the sink closed). */
  drained(): Promise<void>;
  /** Ends the stream, telling the reader why and where to resume. */
  end(reason: Exclude<CloseReason, 'client'>, lastId: string | undefined): void;
  /** Called once when the stream ends, whoever ends it. */
  onClose(listener: () => void): void;
}
