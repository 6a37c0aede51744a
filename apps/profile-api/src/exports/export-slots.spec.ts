import { isAppError } from '@stratum/http';
import { ExportSlots } from './export-slots';

describe('ExportSlots', () => {
  it.each([
    [1, 1],
    [2, 1],
    [10, 5],
    [11, 5],
  ])('gives a pool of %i connections %i slots', (poolMax, limit) => {
    expect(ExportSlots.forPool(poolMax).limit).toBe(limit);
  });

  it('refuses an export past the limit with a 503 and Retry-After, and frees a slot when one ends', async () => {
    const slots = new ExportSlots(1);
    let finish: () => void = () => undefined;
    const running = slots.run(() => new Promise<void>((resolve) => (finish = resolve)));
    const refused = await slots.run(() => Promise.resolve()).catch((error: unknown) => error);
    expect(isAppError(refused) && [refused.status, refused.retryAfterSeconds]).toEqual([503, 10]);
    finish();
    await running;
    await expect(slots.run(() => Promise.resolve('ran'))).resolves.toBe('ran');
  });

  it('frees the slot of an export that failed', async () => {
    const slots = new ExportSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('gone')))).rejects.toThrow('gone');
    await expect(slots.run(() => Promise.resolve('ran'))).resolves.toBe('ran');
  });

  it('grants a second connection only while one slot stays free for the next export', async () => {
    const slots = new ExportSlots(3);
    await slots.run(async () => {
      const extra = slots.tryExtra();
      expect(extra).toBeDefined();
      // Two of three held: a second extra would leave no slot for a new export.
      expect(slots.tryExtra()).toBeUndefined();
      await expect(slots.run(() => Promise.resolve('ran'))).resolves.toBe('ran');
      // Given back once, however often it is called.
      extra!();
      extra!();
      const again = slots.tryExtra();
      expect(again).toBeDefined();
      again!();
    });
  });

  it('grants no second connection with a single slot', async () => {
    const slots = new ExportSlots(1);
    await slots.run(() => Promise.resolve(expect(slots.tryExtra()).toBeUndefined()));
  });
});
