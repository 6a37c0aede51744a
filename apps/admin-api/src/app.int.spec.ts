import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createAdminTestApp } from './testing/admin-test-app';
import type { AdminTestApp } from './testing/admin-test-app';

const COMMITTED = path.join(__dirname, '..', '..', '..', 'docs', 'openapi', 'admin-api.json');

let t: AdminTestApp;

beforeAll(async () => {
  t = await createAdminTestApp();
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe('admin API', () => {
  it('is ready when its database answers', async () => {
    await request(t.app).get('/healthz').expect(200);
    await request(t.app).get('/readyz').expect(200);
  });

  it('serves the committed OpenAPI document', async () => {
    const res = await request(t.app).get('/openapi.json').expect(200);
    expect(res.body).toEqual(JSON.parse(readFileSync(COMMITTED, 'utf8')));
  });

  it('answers 401 without a key and never takes HTTP Basic', async () => {
    const none = await request(t.app).get('/api/v1/cdp/nothing-here').expect(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    const basic = `Basic ${Buffer.from(`${t.tenant.secretKey.key}:`).toString('base64')}`;
    await request(t.app).get('/api/v1/cdp/nothing-here').set('Authorization', basic).expect(401);
  });

  it('answers an unknown route 404 as problem+json once authenticated', async () => {
    const res = await request(t.app)
      .get('/api/v1/cdp/nothing-here')
      .set('Authorization', t.secretAuth)
      .expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('refuses a body that is not JSON with 415', async () => {
    await request(t.app)
      .post('/api/v1/cdp/nothing-here')
      .set('Authorization', t.secretAuth)
      .set('Content-Type', 'text/plain')
      .send('name=x')
      .expect(415);
  });
});
