import { parseCronItems } from 'graphile-worker';
import { segmentsCronItems } from './segments.schedule';

describe('segmentsCronItems', () => {
  const [membership, recompute] = parseCronItems(
    segmentsCronItems({ SEGMENTS_RECOMPUTE_CRON: '5 * * * *' }),
  );
  const at = (hour: number, min: number) => ({ min, hour, date: 17, month: 5, dow: 3 });

  it('starts membership every minute without delaying a run already queued', () => {
    expect(membership!.task).toBe('segment-membership');
    expect(membership!.match(at(0, 0)) && membership!.match(at(13, 37))).toBe(true);
    expect(membership!.options).toMatchObject({
      jobKey: 'segment-membership',
      jobKeyMode: 'preserve_run_at',
    });
    expect(membership!.options.queueName).toBeUndefined();
  });

  it('recomputes time-relative segments at the configured minute of every hour', () => {
    expect(recompute!.task).toBe('segments-recompute');
    expect(recompute!.match(at(3, 5)) && recompute!.match(at(17, 5))).toBe(true);
    expect(recompute!.match(at(3, 6))).toBe(false);
    expect(recompute!.options).toMatchObject({ jobKey: 'segments-recompute' });
  });
});
