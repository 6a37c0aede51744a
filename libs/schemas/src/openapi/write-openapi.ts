/**
 * Regenerates docs/openapi/*.json and the JSON Schema block of docs/EVENT_SPEC_MINIMAL.md
 * from the zod schemas:
 *
 *   npx tsx libs/schemas/src/openapi/write-openapi.ts && npx prettier --write docs/EVENT_SPEC_MINIMAL.md
 */
// The one file of this pure library that touches the file system: a build script, never
// imported by the library itself.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_SPEC_PATH, generatedOpenApiFiles, withEventJsonSchema } from './doc-files';

const root = join(__dirname, '..', '..', '..', '..');

for (const file of generatedOpenApiFiles()) {
  writeFileSync(join(root, file.path), file.content);
  console.log(`wrote ${file.path}`);
}

const specPath = join(root, EVENT_SPEC_PATH);
writeFileSync(specPath, withEventJsonSchema(readFileSync(specPath, 'utf8')));
console.log(`updated the event JSON Schema in ${EVENT_SPEC_PATH}`);
