import type { MappedEvent } from '@stratum/compat';
import { AppError } from '@stratum/http';
import type { AuthContext, FieldError } from '@stratum/http';
import { MAX_EVENT_BYTES } from '@stratum/schemas';
import type { BatchResponse, QueuedBatchResponse, RejectionRoute } from '@stratum/schemas';
import { ingestEvents } from '../events/ingest-events.service';
import type {
  IngestEntry,
  IngestEventsDeps,
  IngestMode,
  Rejection,
} from '../events/ingest-events.service';

/** How a vendor names what the ingest path reports in Stratum's terms. */
export interface VendorNaming {
  /** Where message `index` sits in the request body: `batch.2`, `2`, or `` for one message. */
  messagePath: (index: number) => string;
  /** Stratum event field → the vendor's (`event_id` → `messageId`). */
  fields: Readonly<Record<string, string>>;
  /** The message's own id, for the result of a message that could not be mapped. */
  messageId: (message: unknown) => string | null;
}

/** How a vendor's refused messages go to the rejected-events log. */
export interface VendorLogging {
  route: RejectionRoute;
  /** The raw message with its identifier fields hashed (see @stratum/compat). */
  redact: (message: unknown) => unknown;
}

/**
 * Ingests vendor messages already mapped (see @stratum/compat) through the one ingest
 * path, and reports per message in the vendor's field names. Throws 400 VALIDATION_FAILED
 * listing every problem when nothing was accepted (413 for a lone oversized message).
 */
export async function ingestVendorMessages(
  deps: IngestEventsDeps,
  auth: AuthContext,
  receivedAt: Date,
  messages: readonly unknown[],
  map: (message: unknown) => MappedEvent,
  naming: VendorNaming,
  logging: VendorLogging,
  mode: IngestMode,
): Promise<BatchResponse | QueuedBatchResponse> {
  const identifierPaths = new Map<number, string[]>();
  const entries = messages.map((message, index): IngestEntry => {
    if (Buffer.byteLength(JSON.stringify(message) ?? '') > MAX_EVENT_BYTES) {
      return { refused: [tooLargeIssue()], eventId: naming.messageId(message), tooLarge: true };
    }
    const mapped = map(message);
    if (!mapped.ok) {
      const redacted = logging.redact(message);
      return { refused: mapped.errors, eventId: naming.messageId(message), redacted };
    }
    identifierPaths.set(index, mapped.identifierPaths);
    const { traits_once: traitsOnce, ...event } = mapped.event;
    return { raw: event, ...(traitsOnce !== undefined ? { traitsOnce } : {}) };
  });

  const rename = (index: number, errors: FieldError[]): FieldError[] => {
    const paths = identifierPaths.get(index);
    // Messages refused by the mapping already speak the vendor's names.
    if (paths === undefined) return errors;
    return errors.map((e) => ({ ...e, path: vendorPath(e.path, paths, naming.fields) }));
  };

  const outcome = await ingestEvents(deps, auth, receivedAt, entries, logging.route, mode);
  if (!outcome.ok) throw allRejected(messages.length, outcome.rejected, rename, naming);
  const renamed = <R extends { index: number; status: string; errors?: FieldError[] }>(r: R): R =>
    r.status === 'rejected' ? { ...r, errors: rename(r.index, r.errors ?? []) } : r;
  return outcome.queued
    ? { ...outcome.body, results: outcome.body.results.map(renamed) }
    : { ...outcome.body, results: outcome.body.results.map(renamed) };
}

/** `identifiers.1.value` → the vendor field it came from; `event_id` → `messageId`. */
function vendorPath(path: string, identifierPaths: string[], fields: VendorNaming['fields']) {
  const identifier = /^identifiers\.(\d+)(?:\.|$)/.exec(path);
  if (identifier !== null) return identifierPaths[Number(identifier[1])] ?? path;
  const [head = '', ...rest] = path.split('.');
  const renamed = fields[head];
  return renamed === undefined ? path : [renamed, ...rest].join('.');
}

function allRejected(
  count: number,
  rejected: Rejection[],
  rename: (index: number, errors: FieldError[]) => FieldError[],
  naming: VendorNaming,
): AppError {
  const single = count === 1 ? rejected[0] : undefined;
  if (single?.errors.some((e) => e.message === TOO_LARGE_MESSAGE)) {
    return new AppError('PAYLOAD_TOO_LARGE', {
      detail: `A message is at most ${MAX_EVENT_BYTES} bytes of JSON`,
    });
  }
  const errors = rejected.flatMap((r) =>
    rename(r.index, r.errors).map((e) => ({
      path: joinPath(naming.messagePath(r.index), e.path),
      message: e.message,
    })),
  );
  return new AppError('VALIDATION_FAILED', {
    detail: count === 1 ? 'The message was rejected' : 'Every message of the batch was rejected',
    errors,
  });
}

const TOO_LARGE_MESSAGE = `is larger than ${MAX_EVENT_BYTES} bytes of JSON`;

function tooLargeIssue(): FieldError {
  return { path: '', message: TOO_LARGE_MESSAGE };
}

function joinPath(prefix: string, path: string): string {
  if (prefix === '') return path;
  return path === '' ? prefix : `${prefix}.${path}`;
}

/** A message's own id, when it is a string an event id can be. */
export function idField(message: unknown, key: string): string | null {
  if (typeof message !== 'object' || message === null) return null;
  const id = (message as Record<string, unknown>)[key];
  return typeof id === 'string' && id !== '' && id.length <= 128 ? id : null;
}
