import { verifyWebhook } from './verify-webhook';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = '{"test": 2432232314}';
const HEADERS = {
  'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  'webhook-timestamp': '1614265330',
  'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const AT = { nowSeconds: 1614265330 };

describe('verifyWebhook', () => {
  it('accepts the reference vector, also among other signatures', () => {
    expect(verifyWebhook(SECRET, HEADERS, BODY, AT)).toEqual({ ok: true });
    const several = {
      ...HEADERS,
      'webhook-signature': `v1a,abc v1,bm90IGl0 ${HEADERS['webhook-signature']}`,
    };
    expect(verifyWebhook(SECRET, several, BODY, AT)).toEqual({ ok: true });
  });

  it.each([
    ['missing_headers', { ...HEADERS, 'webhook-id': undefined }, BODY, AT],
    ['missing_headers', { ...HEADERS, 'webhook-signature': '' }, BODY, AT],
    ['missing_headers', { ...HEADERS, 'webhook-id': ['a', 'b'] }, BODY, AT],
    ['bad_timestamp', { ...HEADERS, 'webhook-timestamp': '1614265330.5' }, BODY, AT],
    ['too_old', HEADERS, BODY, { nowSeconds: 1614265330 + 301 }],
    ['too_new', HEADERS, BODY, { nowSeconds: 1614265330 - 301 }],
    ['no_matching_signature', HEADERS, `${BODY} `, AT],
    [
      'no_matching_signature',
      { ...HEADERS, 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJeK' },
      BODY,
      AT,
    ],
    ['no_matching_signature', { ...HEADERS, 'webhook-id': 'msg.1' }, BODY, AT],
    [
      'no_matching_signature',
      { ...HEADERS, 'webhook-timestamp': '1614265331' },
      BODY,
      { nowSeconds: 1614265331 },
    ],
  ])('answers %s', (reason, headers, body, options) => {
    expect(verifyWebhook(SECRET, headers, body, options)).toEqual({ ok: false, reason });
  });

  it('answers bad_secret for a secret that is not one', () => {
    expect(verifyWebhook('whsec_??', HEADERS, BODY, AT)).toEqual({
      ok: false,
      reason: 'bad_secret',
    });
  });

  it('takes the tolerance it is given, and now from the clock by default', () => {
    expect(
      verifyWebhook(SECRET, HEADERS, BODY, { nowSeconds: 1614265330 + 600, toleranceSeconds: 600 }),
    ).toEqual({ ok: true });
    expect(verifyWebhook(SECRET, HEADERS, BODY)).toEqual({ ok: false, reason: 'too_old' });
  });
});
