import express from 'express';
import request from 'supertest';
import { notFoundHandler } from '../errors/error-handler';
import { securityHeaders } from '../security/security-headers.middleware';
import { serveOpenApi } from './openapi.routes';

const DOCUMENT = { openapi: '3.1.0', info: { title: 'Test API', version: '1.0.0' }, paths: {} };

function buildApp() {
  const app = express();
  app.use(securityHeaders());
  app.use(serveOpenApi(DOCUMENT, { title: 'Test <API>' }));
  app.get('/api/thing', (_req, res) => {
    res.json({});
  });
  app.use(notFoundHandler);
  return app;
}

describe('serveOpenApi', () => {
  it('serves the document at /openapi.json', async () => {
    const res = await request(buildApp()).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(DOCUMENT);
  });

  it('serves a Swagger UI page that loads only local assets', async () => {
    const app = buildApp();
    const page = await request(app).get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('<title>Test &#60;API&#62;</title>');
    expect(page.text).not.toMatch(/https?:\/\//);
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(sources).toEqual(
      expect.arrayContaining([
        '/docs/swagger-ui.css',
        '/docs/swagger-ui-bundle.js',
        '/docs/init.js',
      ]),
    );
    for (const source of sources) {
      const asset = await request(app).get(source);
      expect([source, asset.status]).toEqual([source, 200]);
    }
    const init = await request(app).get('/docs/init.js');
    expect(init.text).toContain("url: '/openapi.json'");
  });

  it('serves nothing else from the package directory', async () => {
    const app = buildApp();
    for (const path of ['/docs/index.html', '/docs/swagger-initializer.js', '/docs/constructor']) {
      expect((await request(app).get(path)).status).toBe(404);
    }
  });
});

describe('securityHeaders', () => {
  it('forbids everything in the CSP of API answers', async () => {
    const res = await request(buildApp()).get('/api/thing');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('relaxes the CSP to same-origin scripts and styles under /docs only', async () => {
    const res = await request(buildApp()).get('/docs');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/https?:/);
  });
});
