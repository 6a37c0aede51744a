import request from 'supertest';
import type { Test } from 'supertest';
import type { AdminTestApp } from './admin-test-app';

/** The collection path of the privacy request routes. */
export const PRIVACY = '/api/v1/cdp/privacy-requests';

/** POST /privacy-requests with the tenant's secret key (or `auth`). */
export function privacyRequest(
  t: AdminTestApp,
  body: unknown,
  auth = t.secretAuth,
): Test {
  return request(t.app)
    .post(PRIVACY)
    .set('Authorization', auth)
    .send(body as object);
}
