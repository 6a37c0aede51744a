import { z } from 'zod';

/** One problem with one field: a dotted path (`identifiers.0.type`) and a message. */
export const FieldIssueSchema = z
  .object({
    path: z.string().meta({ example: 'identifiers.0.type' }),
    message: z.string().meta({ example: "unknown identifier type 'fax'" }),
  })
  .meta({ id: 'FieldIssue', description: 'Never contains a submitted value.' });

export type FieldIssue = z.infer<typeof FieldIssueSchema>;
