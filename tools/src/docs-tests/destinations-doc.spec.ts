// docs/DESTINATIONS.md shows payloads the worker sends and a Node check that really verifies.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { WEBHOOK_TYPES, WebhookPayloadSchema, formatIssues } from '@stratum/schemas';
import {
  DEFAULT_RETRY_SCHEDULE,
  generateWebhookSecret,
  maxAttempts,
  webhookHeaders,
} from '@stratum/webhooks';
import { extractJsonBlocks } from './json-blocks';

const DOC = join(__dirname, '..', '..', '..', 'docs', 'DESTINATIONS.md');
const markdown = readFileSync(DOC, 'utf8');

type Verify = (secret: string, headers: Record<string, string>, rawBody: string) => boolean;

/** The function of the doc's Node snippet, run as a reader would paste it. */
function nodeSnippet(): Verify {
  const code = /### Node\n+```js\n([\s\S]*?)\n```/.exec(markdown)?.[1];
  if (code === undefined) throw new Error('no Node snippet under "### Node"');
  return runInNewContext(`${code}\nverifyStratumWebhook`, { require, Buffer, Date }) as Verify;
}

describe('docs/DESTINATIONS.md', () => {
  it.each(
    extractJsonBlocks(markdown)
      .filter((block) => block.text.includes('"type"'))
      .map((block) => [block.line, block.text] as const),
  )('the payload at line %i is one a destination receives', (_line, text) => {
    const parsed = WebhookPayloadSchema.safeParse(JSON.parse(text));
    expect(parsed.success ? [] : formatIssues(parsed.error)).toEqual([]);
  });

  it('shows a payload of every type', () => {
    const types = extractJsonBlocks(markdown).flatMap(
      (b) => /"type": "([a-z]+\.[a-z]+)"/.exec(b.text)?.[1] ?? [],
    );
    // segment.exited has the shape of segment.entered, shown once for both.
    expect(new Set(types)).toEqual(new Set(WEBHOOK_TYPES.filter((t) => t !== 'segment.exited')));
  });

  describe('the Node signature check', () => {
    const verify = nodeSnippet();
    const secret = generateWebhookSecret();
    const body =
      '{"type":"destination.test","timestamp":"2026-11-24T10:00:00.000Z","data":{"é":1}}';
    const signed = (at = Math.floor(Date.now() / 1000), secrets = [secret]) => ({
      ...webhookHeaders(secrets, { id: 'msg_0b8f4d525d7e4c1a', timestamp: at, body }),
    });

    it('accepts what the worker signs, also beside another secret while rotating', () => {
      expect(verify(secret, signed(), body)).toBe(true);
      expect(verify(secret, signed(undefined, [generateWebhookSecret(), secret]), body)).toBe(true);
    });

    it('refuses another body, another secret, an old timestamp, another version', () => {
      expect(verify(secret, signed(), `${body} `)).toBe(false);
      expect(verify(generateWebhookSecret(), signed(), body)).toBe(false);
      expect(verify(secret, signed(Math.floor(Date.now() / 1000) - 600), body)).toBe(false);
      const headers = signed();
      expect(
        verify(
          secret,
          { ...headers, 'webhook-signature': headers['webhook-signature'].replace('v1,', 'v2,') },
          body,
        ),
      ).toBe(false);
      expect(verify(secret, { 'webhook-id': 'msg_1' }, body)).toBe(false);
    });
  });

  it('has the retry table of the default schedule', () => {
    const rows = [...markdown.matchAll(/^\|\s+(\d+) \| /gm)].map((m) => Number(m[1]));
    expect(rows).toEqual(Array.from({ length: maxAttempts() }, (_, i) => i + 1));
    expect(DEFAULT_RETRY_SCHEDULE).toEqual([5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400]);
  });
});
