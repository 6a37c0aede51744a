import { rejectionReason } from './rejection-reason';
import type { RejectionStage } from './rejection-reason';

const issue = (path: string, message = 'is invalid') => ({ path, message });

describe('rejectionReason', () => {
  it.each<[RejectionStage, { path: string; message: string }[], boolean, string]>([
    ['validation', [issue('')], true, 'too_large'],
    ['mapping', [issue('')], true, 'too_large'],
    ['mapping', [issue('userId', 'is required')], false, 'mapping_failed'],
    ['database', [issue('', 'holds … (SQLSTATE 22P05)')], false, 'database_refused'],
    [
      'validation',
      [issue('identifiers', 'no usable identifier: every value is a placeholder')],
      false,
      'no_usable_identifier',
    ],
    ['validation', [issue('name'), issue('identifiers.0.value')], false, 'invalid_identifier'],
    [
      'validation',
      [issue('identifiers', 'must have at least 1 item')],
      false,
      'invalid_identifier',
    ],
    ['validation', [issue('timestamp'), issue('type')], false, 'invalid_field'],
    ['validation', [issue('identifiers_extra')], false, 'invalid_field'],
  ])('%s %j (too large: %p) → %s', (stage, errors, tooLarge, reason) => {
    expect(rejectionReason(stage, errors, tooLarge)).toBe(reason);
  });
});
