import { attemptOutcome } from './attempt-outcome';

describe('attemptOutcome', () => {
  it.each([
    [200, 'delivered'],
    [204, 'delivered'],
    [299, 'delivered'],
    [410, 'disable'],
    [301, 'retry'],
    [400, 'retry'],
    [404, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [199, 'retry'],
  ])('reads %p as %p', (status, outcome) => {
    expect(attemptOutcome(status)).toBe(outcome);
  });
});
