import type { Kysely } from 'kysely';
import type { Database } from '@stratum/db';
import { appendToInbox } from './inbox.statements';
import type { InboxAppend } from './inbox.statements';

/** Appends requests to the inbox; resolves once the request's events are committed. */
export type InboxAppender = (append: InboxAppend) => Promise<void>;

interface Waiting {
  append: InboxAppend;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the inbox. Each append is a commit, and a commit waits for its WAL to
 * reach the disk: one statement per request makes 1,000 single events a second 1,000 disk
 * flushes. Instead, while `maxInFlight` appends run, new requests wait here and the next
 * statement takes all of them (up to `maxEvents`): a lone request starts at once. A
 * statement that fails fails every request it carried (each answers its own error; nothing
 * of them was written).
 */
export function createInboxAppender(
  db: Kysely<Database>,
  options: { maxInFlight?: number; maxEvents?: number } = {},
): InboxAppender {
  const maxInFlight = options.maxInFlight ?? 2;
  const maxEvents = options.maxEvents ?? 5000;
  const waiting: Waiting[] = [];
  let inFlight = 0;

  const pump = (): void => {
    while (inFlight < maxInFlight && waiting.length > 0) {
      let events = 0;
      let take = 0;
      while (take < waiting.length) {
        const size = waiting[take]!.append.events.length;
        if (take > 0 && events + size > maxEvents) break;
        events += size;
        take += 1;
      }
      const group = waiting.splice(0, take);
      inFlight += 1;
      void appendToInbox(
        db,
        group.map((w) => w.append),
      )
        .then(
          () => group.forEach((w) => w.resolve()),
          (error: unknown) => group.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          inFlight -= 1;
          pump();
        });
    }
  };

  return (append) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ append, resolve, reject });
      pump();
    });
}
