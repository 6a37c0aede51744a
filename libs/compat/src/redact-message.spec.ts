import { sha256Hex } from '@stratum/identity';
import { redactPosthogMessage, redactSegmentMessage } from './redact-message';

const hashed = (value: string) => ({ hashed: sha256Hex(value) });

describe('redactSegmentMessage', () => {
  it('hashes every identifier field and drops the write key', () => {
    const message = {
      type: 'identify',
      userId: ' crm-1 ',
      anonymousId: 'anon-1',
      previousId: 42,
      writeKey: 'cdp_wk_secret',
      traits: { email: 'Jane@Example.com', phone: '+14155550100', plan: 'pro' },
      context: { traits: { email: { nested: 'x@y.z' } }, device: { id: 'dev-1' }, ip: '1.2.3.4' },
    };
    expect(redactSegmentMessage(message)).toEqual({
      type: 'identify',
      userId: hashed('crm-1'),
      anonymousId: hashed('anon-1'),
      previousId: hashed('42'),
      traits: { email: hashed('Jane@Example.com'), phone: hashed('+14155550100'), plan: 'pro' },
      context: { traits: { email: '[redacted]' }, device: { id: hashed('dev-1') }, ip: '1.2.3.4' },
    });
    expect(message.userId).toBe(' crm-1 ');
  });

  it.each([null, 3, true])('passes %p through: nothing to redact', (message) => {
    expect(redactSegmentMessage(message)).toEqual(message);
  });

  it.each(['jane@example.com', ['jane@example.com']])('does not keep %p', (message) => {
    expect(redactSegmentMessage(message)).toBe('[redacted]');
  });

  it('leaves fields that are not there absent', () => {
    expect(redactSegmentMessage({ type: 'track', traits: 'no' })).toEqual({
      type: 'track',
      traits: 'no',
    });
  });
});

describe('redactPosthogMessage', () => {
  it('hashes distinct ids, aliases and $set identifiers, and drops the keys', () => {
    const redacted = redactPosthogMessage({
      event: '$identify',
      distinct_id: 'user-1',
      api_key: 'cdp_wk_secret',
      $set: { email: 'a@b.co', name: 'A' },
      properties: {
        token: 'cdp_wk_secret',
        $anon_distinct_id: 'anon-9',
        alias: 'alias-1',
        $set_once: { phone: '+4930123456' },
      },
    });
    expect(redacted).toEqual({
      event: '$identify',
      distinct_id: hashed('user-1'),
      $set: { email: hashed('a@b.co'), name: 'A' },
      properties: {
        $anon_distinct_id: hashed('anon-9'),
        alias: hashed('alias-1'),
        $set_once: { phone: hashed('+4930123456') },
      },
    });
    expect(JSON.stringify(redacted)).not.toMatch(/user-1|cdp_wk_secret|a@b\.co|anon-9/);
  });
});
