import { RoiInputDraftSchema } from './roi-input.schema';
import type { RoiInput, RoiInputDraft } from './roi-input.schema';
import type { RoiInputKey } from './roi-fields';

/** One message per invalid field, written for the visitor. */
export type RoiInputErrors = Partial<Record<RoiInputKey, string>>;

/** Either every input is valid, or the fields to fix with what is wrong with each. */
export type RoiValidation = { ok: true; input: RoiInput } | { ok: false; errors: RoiInputErrors };

/**
 * Validates a visitor's draft: parses text, then checks each field's range and
 * precision. Each invalid field gets exactly one message, its first problem.
 */
export function validateRoiInput(draft: RoiInputDraft): RoiValidation {
  const parsed = RoiInputDraftSchema.safeParse(draft);
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: RoiInputErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as RoiInputKey;
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}
