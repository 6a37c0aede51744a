/** @jest-environment node */
import { performanceClaims } from './performance-claims';

describe('performanceClaims', () => {
  it.each([
    ['Designed for 10,000 events per second', ['Designed for', '10,000 events per second']],
    ['10,000 events/s, on 2 CPU cores', ['10,000 events/s']],
    ['2.5k requests a second', ['2.5k requests a second']],
    ['p95 under 50 ms for a batch', ['50 ms']],
    ['look-ups in 900 µs', ['900 µs']],
    ['99.9% uptime, 40 percent faster', ['99.9%', '40 percent']],
    ['1,000\nlook-ups/s', ['1,000 look-ups/s']],
  ])('finds the claims in %p', (text, claims) => {
    expect(performanceClaims(text)).toEqual(claims);
  });

  it.each([
    'batches of up to 500',
    'SHA-256 on every identifier',
    'Running on your machine in two commands.',
    '1,284 events',
    '3 months',
  ])('finds none in %p', (text) => {
    expect(performanceClaims(text)).toEqual([]);
  });
});
