import { POSTHOG_FIXTURES, RUDDERSTACK_FIXTURES, SEGMENT_FIXTURES } from './testing';
import type { VendorFixture } from './testing';

const WRITE_KEY = 'cdp_wk_Zm9yLWZpeHR1cmVzLW9ubHktbm90LWEtcmVhbC1rZXk';
const BASIC = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;

const rows = (fixtures: readonly VendorFixture[]) => fixtures.map((f) => [f.call, f] as const);

// What the route slice must accept: the wire as each real client speaks it (README.md).
describe('the captured wire', () => {
  it.each(rows(SEGMENT_FIXTURES))(
    'analytics-node %s: POST /v1/batch, JSON, Basic with the write key as user, writeKey in the body',
    (_call, { request, answer }) => {
      expect(request).toMatchObject({ method: 'POST', path: '/v1/batch' });
      expect(request.headers).toEqual({
        'content-type': 'application/json',
        authorization: BASIC,
        'user-agent': 'analytics-node-next/latest',
      });
      expect(request.body).toMatchObject({ writeKey: WRITE_KEY, sentAt: expect.any(String) });
      expect(answer.body).toEqual({ success: true });
    },
  );

  it.each(rows(RUDDERSTACK_FIXTURES))(
    'rudder-sdk-node %s: POST /v1/batch, gzip labelled form-urlencoded, Basic, no key in the body',
    (_call, { request, answer }) => {
      expect(request).toMatchObject({ method: 'POST', path: '/v1/batch' });
      expect(request.headers).toEqual({
        'content-type': 'application/x-www-form-urlencoded',
        'content-encoding': 'gzip',
        authorization: BASIC,
        'user-agent': 'analytics-node/3.0.13',
      });
      expect(request.body).not.toHaveProperty('writeKey');
      expect(answer.body).toEqual({ success: true });
    },
  );

  it.each(rows(POSTHOG_FIXTURES))(
    'posthog-node %s: POST /batch/, gzip JSON, no Authorization, api_key in the body',
    (_call, { request, answer }) => {
      expect(request).toMatchObject({ method: 'POST', path: '/batch/' });
      expect(request.headers).toEqual({
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'user-agent': 'posthog-node/5.21.2',
      });
      expect(request.body).toMatchObject({ api_key: WRITE_KEY, sent_at: expect.any(String) });
      expect(answer.body).toEqual({ status: 'Ok' });
    },
  );
});
