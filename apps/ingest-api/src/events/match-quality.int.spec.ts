import request from 'supertest';
import { createIngestTestApp, trackEvent } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';

let t: IngestTestApp;
beforeAll(async () => {
  t = await createIngestTestApp();
});
afterAll(() => t.close());

function post(body: unknown) {
  return request(t.app)
    .post('/api/v1/cdp/events')
    .set('Authorization', t.writeAuth)
    .send(body as object);
}

const matchable = trackEvent({
  identifiers: [{ type: 'email', value: 'quality.one@example.com' }],
  context: {
    ip: '203.0.113.7',
    user_agent: 'Mozilla/5.0',
    page: { url: 'https://shop.example/landing?gclid=Cj0KCQ' },
  },
});
const byPhone = trackEvent({
  identifiers: [
    { type: 'phone', value: '+33 6 12 34 56 78' },
    { type: 'external_id', value: 'crm-42' },
  ],
});
const anonymous = trackEvent({
  identifiers: [
    { type: 'anonymous_id', value: 'anon-quality-1' },
    // A placeholder is dropped before resolution: it does not count as an external id.
    { type: 'external_id', value: 'unknown' },
  ],
});

describe('match quality of an ingest answer', () => {
  it('scores the stored events of the batch, with a breakdown and advice', async () => {
    const res = await post({ events: [matchable, byPhone, anonymous, { type: 'track' }] });
    expect(res.status).toBe(200);
    expect(res.body.rejected).toBe(1);
    const third = 0.3333;
    expect(res.body.match_quality).toEqual({
      score: 3.3,
      rating: 'poor',
      keys: {
        email: third,
        phone: third,
        external_id: third,
        click_id: third,
        ip: third,
        user_agent: third,
      },
      advice:
        'Send an email identifier with more events: 33% carry it; all of them would add 2 points.',
    });
  });

  it('counts duplicates, which are stored events too', async () => {
    const res = await post({ events: [matchable] });
    expect(res.body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(res.body.match_quality).toMatchObject({ score: 6.5, rating: 'good' });
    expect(res.body.match_quality.advice).toContain('phone');
  });

  it('rides on the vendor routes too', async () => {
    const res = await request(t.app)
      .post('/v1/track')
      .set('Authorization', `Basic ${Buffer.from(`${t.tenant.writeKey.key}:`).toString('base64')}`)
      .send({
        userId: 'vendor-user-7',
        event: 'Signed Up',
        context: { ip: '198.51.100.4', userAgent: 'Mozilla/5.0' },
      });
    expect(res.status).toBe(200);
    expect(res.body.match_quality).toMatchObject({
      keys: { external_id: 1, ip: 1, user_agent: 1, email: 0 },
      score: 3.5,
    });
  });
});
