import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppExitedError, startAppProcess } from './start-app-process';
import type { RunningApp } from './start-app-process';

// Stand-ins for a bundled main.js: plain scripts, so these tests need no build.
const SCRIPTS = {
  // Answers /healthz once `DELAY_MS` passed; every other path with the env names it was given.
  serving: `
    const http = require('node:http');
    const started = Date.now() + Number(process.env.DELAY_MS ?? 0);
    http.createServer((req, res) => {
      if (req.url === '/healthz') { res.statusCode = Date.now() < started ? 503 : 200; return res.end(); }
      res.end(JSON.stringify(Object.keys(process.env).sort()));
    }).listen(Number(process.env.PORT), process.env.HOST, () => console.log('listening'));
    process.on('SIGTERM', () => { console.log('stopped'); process.exit(0); });`,
  // The worker's shape: one listener, on METRICS_PORT; it fails if given a PORT.
  metricsOnly: `
    if (process.env.PORT !== undefined) process.exit(2);
    require('node:http').createServer((req, res) => res.end())
      .listen(Number(process.env.METRICS_PORT), process.env.HOST);
    process.on('SIGTERM', () => process.exit(0));`,
  failing: `console.error('PORT: must be an integer'); process.exit(1);`,
  stubborn: `
    require('node:http').createServer((req, res) => res.end()).listen(Number(process.env.PORT));
    process.on('SIGTERM', () => console.log('not stopping'));`,
  silent: `setInterval(() => undefined, 1000);`,
};

const dir = mkdtempSync(path.join(tmpdir(), 'app-process-spec-'));
const script = (name: keyof typeof SCRIPTS) => {
  const file = path.join(dir, `${name}.js`);
  writeFileSync(file, SCRIPTS[name]);
  return file;
};
const started: RunningApp[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((app) => app.stop(100)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startAppProcess', () => {
  it('resolves once /healthz answers 200, on free ports of 127.0.0.1, with only the env given', async () => {
    process.env['LEAKED_FROM_THE_TEST'] = 'x';
    const app = await startAppProcess(script('serving'), { env: { DELAY_MS: '300' } });
    started.push(app);
    delete process.env['LEAKED_FROM_THE_TEST'];
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(app.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(app.metricsUrl).not.toBe(app.url);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${app.url}/env`)).json()).toEqual([
      'DELAY_MS',
      'HOST',
      'METRICS_PORT',
      'NODE_PATH',
      'PORT',
    ]);
    expect(await app.stop()).toBe(0);
    expect(app.output()).toBe('listening\nstopped\n');
  });

  it('asks an app listening on METRICS_PORT only for /healthz there, and gives it no PORT', async () => {
    const app = await startAppProcess(script('metricsOnly'), { metricsOnly: true });
    started.push(app);
    expect(app.url).toBe(app.metricsUrl);
    expect((await fetch(`${app.metricsUrl}/healthz`)).status).toBe(200);
    expect(await app.stop()).toBe(0);
  });

  it('rejects with the exit code and output of an app that exits first', async () => {
    const failure: unknown = await startAppProcess(script('failing')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppExitedError);
    expect(failure).toMatchObject({ code: 1, output: 'PORT: must be an integer\n' });
  });

  it('kills an app that does not answer in time', async () => {
    const failure: unknown = await startAppProcess(script('silent'), { timeoutMs: 300 }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/^no answer from http:.*\/healthz in 300 ms/);
  });

  it('kills an app that ignores SIGTERM once the grace time is over', async () => {
    const app = await startAppProcess(script('stubborn'));
    started.push(app);
    expect(await app.stop(300)).toBeNull();
    expect(app.child.signalCode).toBe('SIGKILL');
    expect(await app.stop()).toBeNull();
  });
});
