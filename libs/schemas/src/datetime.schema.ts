import { z } from 'zod';

const DATETIME_MESSAGE =
  'must be an ISO 8601 date-time with an offset, like 2026-11-20T10:15:00.000+01:00';

/** ISO 8601 date-time with a `Z` or `±hh:mm` offset; a local time without offset is refused. */
export const DateTimeSchema = z.iso
  .datetime({
    offset: true,
    error: (issue) =>
      issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : DATETIME_MESSAGE,
  })
  .meta({ example: '2026-11-20T10:15:00.000+01:00' });

export type DateTime = z.infer<typeof DateTimeSchema>;
