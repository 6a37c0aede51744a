import type { HashedIdentifier } from '@stratum/resolution';
import { customerLaneOf, requestLaneOf } from './customer-lane';

/** An identifier whose hash starts with the byte `first` (the rest does not matter here). */
function id(type: HashedIdentifier['type'], first: number): HashedIdentifier {
  return { type, hash: first.toString(16).padStart(2, '0') + 'e'.repeat(62) };
}

describe('customerLaneOf', () => {
  it("is the first byte of the leading identifier's hash, whatever the order", () => {
    expect(customerLaneOf([id('anonymous_id', 3), id('email', 200), id('phone', 9)])).toBe(200);
    expect(customerLaneOf([id('external_id', 17), id('email', 200)])).toBe(17);
    expect(customerLaneOf([id('device_id', 255)])).toBe(255);
  });

  it('refuses an event without identifiers', () => {
    expect(() => customerLaneOf([])).toThrow(RangeError);
  });
});

describe('requestLaneOf', () => {
  const event = (...identifiers: HashedIdentifier[]) => ({ identifiers });

  it('is the lane most of the events fall in, modulo the lanes', () => {
    // Lanes modulo 4: 5 → 1, 9 → 1, 2 → 2, 13 → 1.
    const events = [event(id('email', 2)), event(id('email', 5)), event(id('email', 9))];
    expect(requestLaneOf(events, 4)).toBe(1);
    expect(requestLaneOf([...events, event(id('email', 13))], 4)).toBe(1);
  });

  it('gives a tie to the lower lane', () => {
    expect(requestLaneOf([event(id('email', 7)), event(id('email', 6))], 4)).toBe(2);
  });

  it('is 0 with one lane, and for a request with no identifiers', () => {
    expect(requestLaneOf([event(id('email', 7))], 1)).toBe(0);
    expect(requestLaneOf([event()], 4)).toBe(0);
    expect(requestLaneOf([], 4)).toBe(0);
  });
});
