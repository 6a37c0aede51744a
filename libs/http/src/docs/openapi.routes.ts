import path from 'node:path';
import express from 'express';
import type { Router } from 'express';
import getAbsoluteFSPath from 'swagger-ui-dist/absolute-path';

// Only the files the page needs are served, never the whole package directory (its
// index.html and initializer point at a public demo API).
const ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png']);

const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

function docsPage(title: string): string {
  const escaped = title.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escaped}</title>
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" />
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>
`;
}

/** Options of {@link serveOpenApi}. */
export interface ServeOpenApiOptions {
  /** The page title of /docs. Default `'Stratum CDP API'`. */
  title?: string;
}

/**
 * `GET /openapi.json` (the document) and `GET /docs` (Swagger UI served from
 * swagger-ui-dist, no CDN). Mount at the app root, after `securityHeaders()`.
 */
export function serveOpenApi(document: object, options: ServeOpenApiOptions = {}): Router {
  const router = express.Router();
  const assetsDir = getAbsoluteFSPath();
  const page = docsPage(options.title ?? 'Stratum CDP API');
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(page);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('js').send(INIT_SCRIPT);
  });
  router.get('/docs/:asset', (req, res, next) => {
    const asset = req.params.asset;
    if (!ASSETS.has(asset)) {
      next();
      return;
    }
    res.sendFile(path.join(assetsDir, asset), { maxAge: '1d' });
  });
  return router;
}
