import express from 'express';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { API_CSP, DOCS_CSP, securityHeaders } from './security-headers.middleware';

function appWith(middleware: RequestHandler) {
  const app = express();
  app.use(middleware);
  app.get(/.*/, (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}

function headersOf(res: request.Response): Record<string, unknown> {
  const headers = { ...(res.headers as Record<string, unknown>) };
  delete headers['date'];
  delete headers['etag'];
  return headers;
}

describe('securityHeaders', () => {
  it.each([
    ['an API path', '/api/v1/cdp/events', API_CSP],
    ['the docs', '/docs/index.html', DOCS_CSP],
  ])('sends on %s exactly what helmet sends on every request', async (_name, path, csp) => {
    const ours = await request(appWith(securityHeaders())).get(path);
    const live = await request(appWith(helmet({ contentSecurityPolicy: csp }))).get(path);
    expect(headersOf(ours)).toEqual(headersOf(live));
    expect(ours.headers['content-security-policy']).toContain('frame-ancestors');
    expect(ours.headers['x-powered-by']).toBeUndefined();
  });

  it('sends the same headers on every request', async () => {
    const app = appWith(securityHeaders());
    const [a, b] = [await request(app).get('/x'), await request(app).get('/y')];
    expect(headersOf(a)).toEqual(headersOf(b));
  });
});
