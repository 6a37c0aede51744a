import { readFileSync, writeFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer, connect } from 'node:net';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
// The CLI exports through the profile API: its tests drive the real app, in process.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startAppUnderTest } from '../../../apps/profile-api/src/testing/app-under-test';
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { AppUnderTest } from '../../../apps/profile-api/src/testing/app-under-test';
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  insertEvents,
  insertProfiles,
} from '../../../apps/profile-api/src/testing/export-fixtures';
import { runCli } from './cli.testing';

const KINDS = ['profiles', 'events'] as const;
const FORMATS = ['csv', 'ndjson', 'json'] as const;
const id = (n: number) => `30000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

let t: AppUnderTest;
let server: Server;
let apiUrl: string;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  t = await startAppUnderTest();
  const tenantId = t.tenant.tenant.tenantId;
  await insertProfiles(
    t.db,
    tenantId,
    Array.from({ length: 12 }, (_, i) => ({
      id: id(i + 1),
      at: `2026-05-0${1 + (i % 9)}T10:00:00.000Z`,
      traits: { plan: i % 2 === 0 ? 'pro' : 'free', note: `Zoë "${i}", 🎉` },
      identifiers: [{ type: 'email' as const, value: `p${i}@example.com` }],
    })),
  );
  await insertEvents(
    t.db,
    tenantId,
    Array.from({ length: 12 }, (_, i) => ({
      id: i % 4 === 0 ? `-guarded ${i}` : `evt-${i}`,
      // Three events share each time; one in three has microseconds.
      at: `2026-05-01T10:00:0${Math.floor(i / 3)}.${i % 3 === 2 ? '123456' : '000'}Z`,
      profileId: id(1 + (i % 12)),
      // A name with line breaks: a CSV record that spans lines.
      name: i % 5 === 0 ? `two\r\nlines, "${i}"` : `=cmd ${i}`,
      properties: { i },
    })),
  );
  server = t.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  env = { CDP_API_KEY: t.tenant.secretKey.key, CDP_PROFILE_URL: apiUrl };
  dir = mkdtempSync(path.join(tmpdir(), 'cdp-export-'));
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

async function apiText(kind: string, format: string): Promise<string> {
  const res = await fetch(`${apiUrl}/api/v1/cdp/exports/${kind}?format=${format}`, {
    headers: { Authorization: `Bearer ${t.tenant.secretKey.key}` },
  });
  return res.text();
}

const file = (name: string) => path.join(dir, name);

describe('cdp export', () => {
  it('is listed in the help, with its options', async () => {
    expect((await runCli(['--help'], {})).stdout).toMatch(/export\s+export profiles or events/);
    const help = await runCli(['export', 'events', '--help'], {});
    for (const option of [
      '--format',
      '--out',
      '--resume',
      '--url',
      '--from',
      '--to',
      '--profile-id',
    ]) {
      expect(help.stdout).toContain(option);
    }
  });

  it.each(KINDS.flatMap((kind) => FORMATS.map((format) => [kind, format] as const)))(
    'writes exactly what the API answers: %s as %s, with a last progress line',
    async (kind, format) => {
      const out = file(`full-${kind}.${format}`);
      const result = await runCli(['export', kind, '--format', format, '--out', out], env);
      expect([result.code, result.stdout]).toEqual([0, '']);
      expect(readFileSync(out, 'utf8')).toBe(await apiText(kind, format));
      expect(result.stderr).toMatch(
        new RegExp(
          `^${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 12 rows, [\\d,]+ rows/s, [\\d.]+ MB, [\\d.]+ s\\n$`,
        ),
      );
    },
  );

  it.each(KINDS.flatMap((kind) => FORMATS.map((format) => [kind, format] as const)))(
    'resumes %s as %s cut anywhere into exactly the uninterrupted file',
    async (kind, format) => {
      const complete = Buffer.from(await apiText(kind, format));
      const out = file(`cut-${kind}.${format}`);
      const cuts = new Set([0, 1, 2, 3, complete.length - 1, complete.length]);
      for (let at = 5; at < complete.length; at += Math.ceil(complete.length / 14)) cuts.add(at);
      // Right after and right before each line feed: a row just complete, or one byte short.
      for (let at = complete.indexOf(0x0a); at !== -1; at = complete.indexOf(0x0a, at + 1)) {
        if (at % 3 === 0) cuts.add(at).add(at + 1);
      }
      for (const cut of [...cuts].sort((a, b) => a - b)) {
        writeFileSync(out, complete.subarray(0, cut));
        const result = await runCli(
          ['export', kind, '--format', format, '--out', out, '--resume'],
          env,
        );
        expect([cut, result.code, result.stderr.includes('error')]).toEqual([cut, 0, false]);
        expect([cut, readFileSync(out, 'utf8')]).toEqual([cut, complete.toString('utf8')]);
      }
    },
    60_000,
  );

  it('finishes an export that the network cut, with --resume', async () => {
    const complete = await apiText('events', 'csv');
    const proxy = await cuttingProxy(Math.floor(complete.length / 2));
    const out = file('network.csv');
    try {
      const cut = await runCli(['export', 'events', '--format', 'csv', '--out', out], {
        ...env,
        CDP_PROFILE_URL: proxy.url,
      });
      expect(cut.code).toBe(1);
      expect(cut.stderr).toMatch(
        /error: the export stopped after \d+ rows \(.+\); run the same command with --resume to finish it/,
      );
      expect(readFileSync(out, 'utf8').length).toBeLessThan(complete.length);
    } finally {
      proxy.server.close();
    }
    const resumed = await runCli(
      ['export', 'events', '--format', 'csv', '--out', out, '--resume'],
      env,
    );
    expect(resumed.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(complete);
  });

  it('says a complete JSON file is complete, and starts a missing file afresh', async () => {
    const out = file('again.json');
    const first = await runCli(
      ['export', 'profiles', '--format', 'json', '--out', out, '--resume'],
      env,
    );
    expect(first.stderr).toContain('does not exist: exporting from the start');
    const before = readFileSync(out, 'utf8');
    const again = await runCli(
      ['export', 'profiles', '--format', 'json', '--out', out, '--resume'],
      env,
    );
    expect([again.code, again.stderr]).toEqual([0, `${out} is complete (12 rows)\n`]);
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('passes the filters to the API', async () => {
    const out = file('filtered.ndjson');
    const result = await runCli(
      [
        'export',
        'events',
        '--format',
        'ndjson',
        '--out',
        out,
        '--profile-id',
        id(5),
        '--from',
        '2026-05-01T10:00:01Z',
      ],
      env,
    );
    expect(result.code).toBe(0);
    const rows = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { event_id: string; profile_id: string });
    expect(rows.map((r) => [r.event_id, r.profile_id])).toEqual([['-guarded 4', id(5)]]);
  });

  it.each([
    [
      ['export', 'profiles', '--format', 'xml', '--out', 'x'],
      {},
      '--format must be one of csv, ndjson, json',
    ],
    [
      ['export', 'profiles', '--format', 'csv', '--out', 'x', '--segment', 'pro'],
      {},
      '--segment must be a UUID',
    ],
    [
      ['export', 'profiles', '--format', 'csv', '--out', 'x', '--purpose', 'spam'],
      {},
      '--purpose must be one of',
    ],
    [
      ['export', 'events', '--format', 'csv', '--out', 'x', '--from', 'yesterday'],
      {},
      '--from must be an ISO 8601',
    ],
    [
      ['export', 'events', '--format', 'csv', '--out', 'x', '--segment', id(1)],
      {},
      "unknown option '--segment'",
    ],
    [['export', 'events', '--format', 'csv'], {}, "required option '--out <file>'"],
    [
      ['export', 'events', '--format', 'csv', '--out', 'x'],
      { CDP_API_KEY: '' },
      'CDP_API_KEY is required',
    ],
    [
      ['export', 'events', '--format', 'csv', '--out', 'x'],
      { CDP_API_KEY: 'cdp_wk_x' },
      'CDP_API_KEY must be a secret key',
    ],
  ])('exits 2 on a usage error: %j', async (args, overrides, message) => {
    // The table is built before the app starts: its environment is merged in here.
    const result = await runCli(args, { ...env, ...overrides });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(existsSync('x')).toBe(false);
  });

  it('exits 1 with the API’s answer when it refuses', async () => {
    const out = file('refused.csv');
    const unknown = await runCli(
      ['export', 'profiles', '--format', 'csv', '--out', out, '--segment', id(999)],
      env,
    );
    expect([unknown.code, unknown.stderr]).toEqual([
      1,
      'error: the profile API answered 404: No segment with this id\n',
    ]);
    const wrongKey = await runCli(['export', 'profiles', '--format', 'csv', '--out', out], {
      ...env,
      CDP_API_KEY: 'cdp_sk_not_a_key',
    });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/^error: the profile API answered 401/);
    expect(existsSync(out)).toBe(false);
  });
});

/** A TCP proxy to the app that passes each answer's head and `bodyBytes`, then hangs up. */
async function cuttingProxy(bodyBytes: number): Promise<{ server: NetServer; url: string }> {
  const target = server.address() as AddressInfo;
  const proxy = createServer((client) => {
    const upstream = connect(target.port, '127.0.0.1');
    client.pipe(upstream);
    let answer = Buffer.alloc(0);
    upstream.on('data', (chunk: Buffer) => {
      answer = Buffer.concat([answer, chunk]);
      const head = answer.indexOf('\r\n\r\n');
      if (head === -1 || answer.length < head + 4 + bodyBytes) return;
      // A clean close mid-answer, as a proxy or a network drop would leave it.
      client.end(answer.subarray(0, head + 4 + bodyBytes));
      upstream.destroy();
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  proxy.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => proxy.once('listening', resolve));
  return { server: proxy, url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` };
}
