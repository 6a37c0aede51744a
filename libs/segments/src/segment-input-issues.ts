import type { z } from 'zod';

/** Why a write was refused: each issue has the path of the field (`definition.all.2.op`). */
export interface SegmentInputIssue {
  path: (string | number)[];
  message: string;
}

/** The issues of a failed parse, as values the API can answer with. */
export function inputIssues(error: z.ZodError): SegmentInputIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.filter((part) => typeof part !== 'symbol'),
    message: issue.message,
  }));
}
