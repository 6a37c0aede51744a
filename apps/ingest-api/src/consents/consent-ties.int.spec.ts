import request from 'supertest';
import { createIngestTestApp } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';

let t: IngestTestApp;
beforeAll(async () => {
  t = await createIngestTestApp();
});
afterAll(() => t.close());

const TIMESTAMP = '2026-11-21T09:00:00Z';

function record(externalId: string, consents: { purpose: string; status: string }[]) {
  return request(t.app)
    .post('/api/v1/cdp/consents')
    .set('Authorization', t.secretAuth)
    .send({
      identifiers: [{ type: 'external_id', value: externalId }],
      consents: consents.map((c) => ({ ...c, timestamp: TIMESTAMP })),
    })
    .expect(201);
}

describe('POST /api/v1/cdp/consents: decisions for one purpose at one instant', () => {
  it.each([
    [['granted', 'denied'], 'denied'],
    [['denied', 'granted'], 'granted'],
    [['granted', 'granted', 'denied', 'granted', 'denied'], 'denied'],
    [['denied', 'denied', 'granted', 'denied', 'granted'], 'granted'],
  ] as const)('in one request %j: the later entry, %s, wins', async (statuses, last) => {
    const res = await record(
      `tie-${statuses.join('-')}`,
      statuses.map((status) => ({ purpose: 'marketing', status })),
    );
    expect(res.body.consents).toEqual([
      { purpose: 'marketing', status: last, timestamp: '2026-11-21T09:00:00.000Z', source: null },
    ]);
  });

  it('across requests: the later request wins', async () => {
    for (const status of ['denied', 'granted', 'denied']) {
      const res = await record('tie-across', [{ purpose: 'analytics', status }]);
      expect(res.body.consents).toEqual([
        expect.objectContaining({ purpose: 'analytics', status }),
      ]);
    }
  });
});
