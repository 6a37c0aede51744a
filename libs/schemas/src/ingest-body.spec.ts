import { BatchEnvelopeSchema } from './batch.schema';
import { parseEvent, parseIngestBody } from './ingest-body';
import { MAX_EVENTS_PER_BATCH } from './limits';

const EVENT = {
  event_id: 'e',
  type: 'identify',
  identifiers: [{ type: 'anonymous_id', value: 'a' }],
};
const events = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ ...EVENT, event_id: `e${i}` }));

describe('batch sizes', () => {
  it.each<[number, boolean]>([
    [0, false],
    [1, true],
    [MAX_EVENTS_PER_BATCH, true],
    [MAX_EVENTS_PER_BATCH + 1, false],
  ])('%i events → accepted: %p', (count, ok) => {
    const result = parseIngestBody({ events: events(count) });
    expect(result.ok).toBe(ok);
    if (result.ok) {
      expect(result.events).toHaveLength(count);
      expect(result.batch).toBe(true);
    } else {
      expect(result.errors).toEqual([{ path: 'events', message: 'must be 1 to 500 events' }]);
    }
  });

  it('is 500', () => {
    expect(MAX_EVENTS_PER_BATCH).toBe(500);
    expect(BatchEnvelopeSchema.safeParse({ events: events(500) }).success).toBe(true);
  });
});

describe('parseIngestBody', () => {
  it('reads an object without events as one event, unvalidated', () => {
    const body = { type: 'nonsense' };
    expect(parseIngestBody(body)).toEqual({ ok: true, events: [body], batch: false });
  });

  it('keeps invalid events of a batch for per-event validation', () => {
    const result = parseIngestBody({ events: [EVENT, 'garbage', null] });
    expect(result).toEqual({ ok: true, events: [EVENT, 'garbage', null], batch: true });
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    ['an array body', [EVENT], [{ path: '', message: 'must be a JSON object' }]],
    ['a string body', 'events', [{ path: '', message: 'must be a JSON object' }]],
    ['a null body', null, [{ path: '', message: 'must be a JSON object' }]],
    ['events as an object', { events: EVENT }, [{ path: 'events', message: 'must be an array' }]],
    ['events null', { events: null }, [{ path: 'events', message: 'must be an array' }]],
  ])('refuses %s as a whole', (_label, body, errors) => {
    expect(parseIngestBody(body)).toEqual({ ok: false, errors });
  });
});

describe('parseEvent', () => {
  it('returns the parsed event', () => {
    expect(parseEvent({ ...EVENT, extra: 1 })).toEqual({ ok: true, event: EVENT });
  });

  it('returns the issues of a bad event', () => {
    expect(parseEvent({ ...EVENT, type: 'track' })).toEqual({
      ok: false,
      errors: [{ path: 'name', message: 'is required when type is track' }],
    });
  });
});
