import type { Database } from '@stratum/db';
import { selectCurrentConsents } from '@stratum/db';
import type { ConsentCondition } from '@stratum/schemas';
import { expressionBuilder, sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { survivorAndMergedIds } from './compile-context';
import type { CompileContext } from './compile-context';

/**
 * A consent condition: the profile's current decision for the purpose (the newest across
 * the profile and the profiles merged into it, by the rule of selectCurrentConsents, the one
 * the profile API shows) is `status`. No decision matches neither status.
 */
export function compileConsentCondition(
  condition: ConsentCondition,
  ctx: CompileContext,
): RawBuilder<boolean> {
  const current = selectCurrentConsents(expressionBuilder<Database>(), {
    tenantId: ctx.tenantId,
    profileIds: survivorAndMergedIds(ctx),
  }).where('c.purpose', '=', condition.consent);
  return sql<boolean>`exists (select 1 from (${current}) current_consent
    where current_consent.status = ${condition.status})`;
}
