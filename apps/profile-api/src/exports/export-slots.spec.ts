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
});
