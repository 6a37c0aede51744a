import { buildEventJsonSchema } from '../event-json-schema';
import { buildAdminApiDocument } from './admin-api.openapi';
import { buildIngestApiDocument } from './ingest-api.openapi';
import { serializeOpenApiDocument } from './openapi-common';
import { buildProfileApiDocument } from './profile-api.openapi';

/** The generated documents and where they are committed, relative to the repository root. */
export function generatedOpenApiFiles(): { path: string; content: string }[] {
  return [
    {
      path: 'docs/openapi/ingest-api.json',
      content: serializeOpenApiDocument(buildIngestApiDocument()),
    },
    {
      path: 'docs/openapi/profile-api.json',
      content: serializeOpenApiDocument(buildProfileApiDocument()),
    },
    {
      path: 'docs/openapi/admin-api.json',
      content: serializeOpenApiDocument(buildAdminApiDocument()),
    },
  ];
}

export const EVENT_SPEC_PATH = 'docs/EVENT_SPEC_MINIMAL.md';
const START = '<!-- event-json-schema:start -->';
const END = '<!-- event-json-schema:end -->';

/** The JSON Schema pasted in the event spec between its markers, parsed; undefined if absent. */
export function extractEventJsonSchema(markdown: string): unknown {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start === -1 || end < start) return undefined;
  const block = markdown.slice(start + START.length, end);
  const json = /```json\n([\s\S]*?)\n```/.exec(block)?.[1];
  return json === undefined ? undefined : (JSON.parse(json) as unknown);
}

/** The event spec with the JSON Schema between its markers replaced by the generated one. */
export function withEventJsonSchema(markdown: string): string {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start === -1 || end < start) throw new Error(`${EVENT_SPEC_PATH} lacks the ${START} markers`);
  const block = `${START}\n\n\`\`\`json\n${JSON.stringify(buildEventJsonSchema(), null, 2)}\n\`\`\`\n\n`;
  return markdown.slice(0, start) + block + markdown.slice(end);
}
