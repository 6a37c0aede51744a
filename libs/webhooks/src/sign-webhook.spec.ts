import { Webhook } from 'standardwebhooks';
import { signWebhook, webhookHeaders } from './sign-webhook';
import { verifyWebhook } from './verify-webhook';
import { generateWebhookSecret, webhookSecretKey } from './webhook-secret';

// The example of the Standard Webhooks reference libraries and their documentation.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('signWebhook', () => {
  it('gives the reference signature of the fixed vector', () => {
    expect(signWebhook(VECTOR.secret, VECTOR)).toBe(VECTOR.signature);
    // Without the prefix the key is the same.
    expect(signWebhook(VECTOR.secret.slice('whsec_'.length), VECTOR)).toBe(VECTOR.signature);
  });

  it('signs what the reference verification accepts, and nothing else', () => {
    const secret = generateWebhookSecret();
    const message = {
      id: 'msg_0b6a4c559a532f1f4f4d3a10',
      timestamp: Math.floor(Date.now() / 1000),
      body: JSON.stringify({ type: 'segment.entered', data: { name: 'Ünïcode ✓' } }),
    };
    const headers = webhookHeaders([secret], message);
    const reference = new Webhook(secret);
    expect(reference.verify(message.body, { ...headers })).toEqual(JSON.parse(message.body));
    expect(() => reference.verify(`${message.body} `, { ...headers })).toThrow();
    expect(() =>
      reference.verify(message.body, { ...headers, 'webhook-id': 'msg_other' }),
    ).toThrow();
  });

  it('signs with each secret while one is being rotated', () => {
    const [old, next] = [generateWebhookSecret(), generateWebhookSecret()];
    const message = { id: 'msg_rotate', timestamp: VECTOR.timestamp, body: '{}' };
    const headers = webhookHeaders([old, next], message);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    const options = { nowSeconds: VECTOR.timestamp };
    expect(verifyWebhook(old, headers, '{}', options)).toEqual({ ok: true });
    expect(verifyWebhook(next, headers, '{}', options)).toEqual({ ok: true });
    expect(() => webhookHeaders([], message)).toThrow(RangeError);
  });

  it.each(['', 'msg.1', 'msg 1'])('refuses the message id %p', (id) => {
    expect(() => signWebhook(VECTOR.secret, { ...VECTOR, id })).toThrow(RangeError);
  });

  it('refuses a secret that is not one', () => {
    expect(() => signWebhook('whsec_not base64!', VECTOR)).toThrow(RangeError);
  });
});

describe('webhook secrets', () => {
  it('are whsec_ and 32 random bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhookSecretKey(secret)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it.each([
    ['too short', `whsec_${Buffer.alloc(16).toString('base64')}`],
    ['too long', `whsec_${Buffer.alloc(65).toString('base64')}`],
    ['not base64', 'whsec_%%%%'],
    ['badly padded', 'whsec_abc'],
  ])('refuses a key that is %s', (_why, secret) => {
    expect(webhookSecretKey(secret)).toBeUndefined();
  });
});
