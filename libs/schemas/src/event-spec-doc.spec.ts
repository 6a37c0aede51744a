// Reads the committed event spec to check its JSON Schema block against the schemas.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEventJsonSchema } from './event-json-schema';
import { EVENT_SPEC_PATH, extractEventJsonSchema, withEventJsonSchema } from './openapi/doc-files';

const ROOT = join(__dirname, '..', '..', '..');

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

describe('event spec block helpers', () => {
  const doc = 'intro\n<!-- event-json-schema:start -->\nold\n<!-- event-json-schema:end -->\nend\n';

  it('replace the block between the markers and read it back', () => {
    const updated = withEventJsonSchema(doc);
    expect(updated.startsWith('intro\n')).toBe(true);
    expect(updated.endsWith('<!-- event-json-schema:end -->\nend\n')).toBe(true);
    expect(extractEventJsonSchema(updated)).toEqual(buildEventJsonSchema());
  });

  it('notice missing markers or a missing block', () => {
    expect(extractEventJsonSchema('no markers')).toBeUndefined();
    expect(extractEventJsonSchema(doc)).toBeUndefined();
    expect(() => withEventJsonSchema('no markers')).toThrow(/markers/);
  });
});

describe('buildEventJsonSchema', () => {
  it('states the rules JSON Schema can express', () => {
    const schema = buildEventJsonSchema() as { $defs: Record<string, Record<string, unknown>> };
    expect(schema.$defs.Event?.then).toEqual({ required: ['name'] });
    expect(schema.$defs.IdentifierInput?.oneOf).toEqual([
      { required: ['value'] },
      { required: ['hash'] },
    ]);
  });
});
