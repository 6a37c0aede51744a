import { volumeSeries } from './volume-series';

const hour = (h: string, accepted: number) => ({
  hour: h,
  accepted,
  rejected: 1,
  suppressed: 2,
  score: 5,
});

describe('volumeSeries', () => {
  it('labels each hour, adds refused events up, and marks the flagged hours', () => {
    const points = volumeSeries(
      [hour('2026-11-24T09:00:00.000Z', 10), hour('2026-11-24T10:00:00.000Z', 0)],
      [
        {
          source_id: '5f0c2a9e-8f3b-4f7d-b2a4-6a1e0d9c7b12',
          hour: '2026-11-24T10:00:00Z',
          kind: 'silence',
          severity: 'critical',
          count: 0,
          expected: 40,
          score: -6,
          detected_at: '2026-11-24T11:05:00.000Z',
        },
      ],
    );
    expect(points).toEqual([
      {
        hour: '2026-11-24T09:00:00.000Z',
        label: '11-24 09h',
        accepted: 10,
        rejected: 3,
        anomaly: null,
      },
      {
        hour: '2026-11-24T10:00:00.000Z',
        label: '11-24 10h',
        accepted: 0,
        rejected: 3,
        anomaly: 'silence',
      },
    ]);
  });
});
