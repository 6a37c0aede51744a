import { Registry } from 'prom-client';
import request from 'supertest';
import { createTestLogger } from '../testing';
import { createMetricsApp } from './metrics-app';

describe('createMetricsApp', () => {
  const logger = createTestLogger('error').logger;
  const metrics = { registry: new Registry() };

  it('serves /metrics only, unless asked for the health routes too', async () => {
    const plain = createMetricsApp({ metrics, logger });
    await request(plain).get('/metrics').expect(200);
    await request(plain).get('/healthz').expect(404);
  });

  it('serves /healthz and /readyz outside the token, /metrics behind it', async () => {
    let reachable = true;
    const app = createMetricsApp({
      metrics,
      logger,
      token: 'a-metrics-token-0123',
      health: {
        ping: () => (reachable ? Promise.resolve() : Promise.reject(new Error('down'))),
      },
    });
    await request(app).get('/healthz').expect(200);
    await request(app).get('/readyz').expect(200);
    reachable = false;
    await request(app).get('/readyz').expect(503);
    await request(app).get('/metrics').expect(401);
    await request(app)
      .get('/metrics')
      .set('Authorization', 'Bearer a-metrics-token-0123')
      .expect(200);
  });
});
