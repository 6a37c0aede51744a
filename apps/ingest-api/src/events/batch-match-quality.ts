import { matchQuality } from '@stratum/quality';
import type { MatchQuality } from '@stratum/quality';
import type { NormalizedEvent } from '@stratum/ingestion';

/**
 * The match quality of the events a request stored: identifiers as resolution saw them
 * (placeholders gone), context and properties as sent.
 */
export function batchMatchQuality(
  events: readonly { event: NormalizedEvent; raw: unknown }[],
): MatchQuality {
  return matchQuality(
    events.map(({ event, raw }) => {
      const body = (raw ?? {}) as {
        context?: Record<string, unknown>;
        properties?: Record<string, unknown>;
      };
      return { identifiers: event.identifiers, context: body.context, properties: body.properties };
    }),
  );
}
