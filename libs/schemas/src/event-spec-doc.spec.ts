// The event spec's JSON Schema block: how it is written and read (docs-drift.spec.ts checks the
// committed one, with the documentation checks).
import { buildEventJsonSchema } from './event-json-schema';
import { extractEventJsonSchema, withEventJsonSchema } from './openapi/doc-files';

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
