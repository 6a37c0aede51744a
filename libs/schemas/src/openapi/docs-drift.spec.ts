// What write-openapi.ts generates, as committed: the OpenAPI documents of docs/openapi and the
// JSON Schema block of docs/EVENT_SPEC_MINIMAL.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEventJsonSchema } from '../event-json-schema';
import { EVENT_SPEC_PATH, extractEventJsonSchema, generatedOpenApiFiles } from './doc-files';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('committed OpenAPI documents', () => {
  it.each(generatedOpenApiFiles().map((file) => [file.path, file.content]))(
    '%s matches the schemas (run: npx tsx libs/schemas/src/openapi/write-openapi.ts)',
    (path, generated) => {
      expect(readFileSync(join(ROOT, path), 'utf8')).toBe(generated);
    },
  );
});

describe('docs/EVENT_SPEC_MINIMAL.md', () => {
  const markdown = readFileSync(join(ROOT, EVENT_SPEC_PATH), 'utf8');

  it('carries the JSON Schema generated from EventSchema (run write-openapi.ts to refresh)', () => {
    expect(extractEventJsonSchema(markdown)).toEqual(buildEventJsonSchema());
  });

  it('lists every event type and identifier type', () => {
    for (const word of [
      'track',
      'identify',
      'page',
      'screen',
      'alias',
      'external_id',
      'device_id',
    ]) {
      expect(markdown).toContain(`\`${word}\``);
    }
  });
});
