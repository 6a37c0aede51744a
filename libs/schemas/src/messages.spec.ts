import { DateTimeSchema } from './datetime.schema';
import { formatIssues } from './format-issues';
import { SourceIdParamsSchema } from './ids.schema';
import { expecting, rangeMessage } from './messages';

describe('message helpers', () => {
  const map = expecting('a string').error;

  it.each<[string, Parameters<typeof map>[0], string | undefined]>([
    [
      'a missing field',
      { code: 'invalid_type', expected: 'string', input: undefined },
      'is required',
    ],
    ['a wrong type', { code: 'invalid_type', expected: 'string', input: 5 }, 'must be a string'],
    ['another issue', { code: 'too_small', origin: 'string', minimum: 1, input: '' }, undefined],
  ])('expecting() on %s', (_label, issue, expected) => {
    expect(map(issue)).toBe(expected);
  });

  it('rangeMessage', () => {
    expect(rangeMessage(1, 20, 'identifiers')).toBe('must be 1 to 20 identifiers');
  });
});

describe('shared field schemas', () => {
  it.each<[string, unknown, string]>([
    ['a missing date-time', undefined, 'is required'],
    [
      'a date-time without offset',
      '2026-11-20T10:15:00',
      'must be an ISO 8601 date-time with an offset, like 2026-11-20T10:15:00.000+01:00',
    ],
  ])('DateTimeSchema: %s', (_label, input, message) => {
    const result = DateTimeSchema.safeParse(input);
    if (result.success) throw new Error('expected a failure');
    expect(formatIssues(result.error)).toEqual([{ path: '', message }]);
  });

  it.each<[unknown, { path: string; message: string }[]]>([
    [{ id: '5f0c2a9e-8f3b-4f7d-b2a4-6a1e0d9c7b12' }, []],
    [{ id: '00000000-0000-0000-0000-000000000000' }, []],
    [{ id: 'src-1' }, [{ path: 'id', message: 'must be a UUID' }]],
    [{}, [{ path: 'id', message: 'is required' }]],
  ])('SourceIdParamsSchema %p', (input, expected) => {
    const result = SourceIdParamsSchema.safeParse(input);
    expect(result.success ? [] : formatIssues(result.error)).toEqual(expected);
  });
});
