import {
  decodeChangesCursor,
  decodeMembersCursor,
  encodeChangesCursor,
  encodeMembersCursor,
} from './segment-cursor';

const PROFILE_ID = '0b8f4d52-5d7e-4c1a-9a57-3b8e9f2c1d40';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('segment cursors', () => {
  it('give back what they encode', () => {
    expect(decodeMembersCursor(encodeMembersCursor(PROFILE_ID))).toBe(PROFILE_ID);
    for (const logId of [0, 1, 42, Number.MAX_SAFE_INTEGER]) {
      expect(decodeChangesCursor(encodeChangesCursor(logId))).toBe(logId);
    }
  });

  it('are opaque base64url', () => {
    expect(encodeMembersCursor(PROFILE_ID)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encodeChangesCursor(42)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['not base64url', '%%%'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['an array', b64([PROFILE_ID])],
    ['null', b64(null)],
    ['a changes cursor', encodeChangesCursor(1)],
    ['an upper-case UUID', b64({ p: PROFILE_ID.toUpperCase() })],
    ['not a UUID', b64({ p: 'x' })],
    ['an extra member', b64({ p: PROFILE_ID, l: 1 })],
  ])('refuses a members cursor that is %s', (_what, text) => {
    expect(decodeMembersCursor(text)).toBeUndefined();
  });

  it.each([
    ['a members cursor', encodeMembersCursor(PROFILE_ID)],
    ['negative', b64({ l: -1 })],
    ['fractional', b64({ l: 1.5 })],
    ['past 2^53', b64({ l: 2 ** 53 })],
    ['text', b64({ l: '1' })],
    ['empty', b64({})],
  ])('refuses a changes cursor that is %s', (_what, text) => {
    expect(decodeChangesCursor(text)).toBeUndefined();
  });
});
