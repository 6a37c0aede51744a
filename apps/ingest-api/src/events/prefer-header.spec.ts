import type { Request } from 'express';
import { prefersAsync } from './prefer-header';

const withPrefer = (prefer?: string | string[]) => ({ headers: { prefer } }) as unknown as Request;

describe('prefersAsync', () => {
  it.each([
    ['respond-async', true],
    ['RESPOND-ASYNC', true],
    ['wait=10, respond-async', true],
    ['respond-async; foo=bar', true],
    ['handling=lenient', false],
    ['respond-asyncx', false],
    ['return=minimal', false],
  ])('%s → %s', (prefer, expected) => {
    expect(prefersAsync(withPrefer(prefer))).toBe(expected);
  });

  it('reads every Prefer header and is false without one', () => {
    expect(prefersAsync(withPrefer(['return=minimal', 'respond-async']))).toBe(true);
    expect(prefersAsync(withPrefer())).toBe(false);
  });
});
