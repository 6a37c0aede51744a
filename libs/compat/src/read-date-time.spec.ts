import { readDateTime } from './read-date-time';

describe('readDateTime', () => {
  it.each([
    ['2026-11-20T10:15:00.000Z', '2026-11-20T10:15:00.000Z'],
    ['2026-11-20T10:15:00.123456Z', '2026-11-20T10:15:00.123Z'],
    ['2026-11-20T11:15:00+01:00', '2026-11-20T10:15:00.000Z'],
    ['2026-11-20T11:15:00+0100', '2026-11-20T10:15:00.000Z'],
    ['2026-11-20T05:15:00-05', '2026-11-20T10:15:00.000Z'],
    ['2026-11-20 10:15:00z', '2026-11-20T10:15:00.000Z'],
    ['2026-11-20T10:15', '2026-11-20T10:15:00.000Z'],
    // Without an offset: UTC, wherever Stratum runs.
    ['2026-11-20T10:15:00', '2026-11-20T10:15:00.000Z'],
  ])('reads %s as %s', (input, output) => {
    expect(readDateTime(input, 'timestamp')).toEqual({ ok: true, value: output });
  });

  it.each([undefined, null])('reads %s as absent', (input) => {
    expect(readDateTime(input, 'timestamp')).toEqual({ ok: true, value: undefined });
  });

  it.each([
    'yesterday',
    '2026-11-20',
    '20.11.2026 10:15',
    '2026-13-45T99:99:00Z',
    1795166100000,
    {},
  ])('refuses %p, naming the field', (input) => {
    expect(readDateTime(input, 'sentAt')).toEqual({
      ok: false,
      issue: {
        path: 'sentAt',
        message: 'must be an ISO 8601 date-time, like 2026-11-20T10:15:00.000Z',
      },
    });
  });
});
