import { z } from 'zod';
import { formatIssues } from './format-issues';

describe('formatIssues', () => {
  const Schema = z.object({ list: z.array(z.object({ type: z.string() })), root: z.number() });

  it('joins paths with dots and keeps the schema messages', () => {
    const result = Schema.safeParse({ list: [{ type: 'a' }, { type: 1 }], root: 1 });
    if (result.success) throw new Error('expected a failure');
    expect(formatIssues(result.error)).toEqual([
      { path: 'list.1.type', message: 'Invalid input: expected string, received number' },
    ]);
  });

  it('uses the empty path for the value itself', () => {
    const result = Schema.safeParse(7);
    if (result.success) throw new Error('expected a failure');
    expect(formatIssues(result.error)).toEqual([
      { path: '', message: 'Invalid input: expected object, received number' },
    ]);
  });

  it('prefixes paths, e.g. with the position of an event in a batch', () => {
    const result = Schema.safeParse({ list: [], root: 'x' });
    if (result.success) throw new Error('expected a failure');
    expect(formatIssues(result.error, ['events', 3])).toEqual([
      { path: 'events.3.root', message: 'Invalid input: expected number, received string' },
    ]);
  });
});
