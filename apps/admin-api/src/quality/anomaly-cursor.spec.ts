import { decodeAnomalyCursor, encodeAnomalyCursor } from './anomaly-cursor';

const position = {
  hour: new Date('2026-11-24T09:00:00.000Z'),
  sourceId: '7d8e2c4a-1f3b-4a5c-9e6d-0b1a2c3d4e5f',
  kind: 'drop',
};
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('anomaly cursors', () => {
  it('decode what they encode', () => {
    expect(decodeAnomalyCursor(encodeAnomalyCursor(position))).toEqual(position);
  });

  it.each([
    ['not base64url', 'a+b/'],
    ['not JSON', Buffer.from('{').toString('base64url')],
    ['an array', encode([1])],
    [
      'another member',
      encode({ h: '2026-11-24T09:00:00Z', s: position.sourceId, k: 'drop', x: 1 }),
    ],
    ['a bad hour', encode({ h: 'yesterday', s: position.sourceId, k: 'drop' })],
    ['a source that is no id', encode({ h: '2026-11-24T09:00:00Z', s: "x' OR 1=1", k: 'drop' })],
    ['an unknown kind', encode({ h: '2026-11-24T09:00:00Z', s: position.sourceId, k: 'dip' })],
  ])('refuse %s', (_what, text) => {
    expect(decodeAnomalyCursor(text)).toBeUndefined();
  });
});
