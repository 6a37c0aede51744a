import type { Database } from '@stratum/db';
import { selectCurrentConsents } from '@stratum/db';
import type { ConsentCondition } from '@stratum/schemas';
import { expressionBuilder, sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { PROFILE, survivorAndMergedIds, survivorOfRows } from './compile-context';
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
  const isCurrent = sql<boolean>`exists (select 1 from (${current}) current_consent
    where current_consent.status = ${condition.status})`;
  if (ctx.scope === 'profiles') return isCurrent;
  // Over every profile, first keep those that ever recorded this decision (one pass over the
  // purpose's rows), and only for them look up the current one: the answer is the same,
  // since a current decision is one of the recorded ones.
  const { join, survivorId } = survivorOfRows('c');
  const recorded = sql`select ${survivorId} from cdp_consents c ${join}
    where c.tenant_id = ${ctx.tenantId} and c.purpose = ${condition.consent}
      and c.status = ${condition.status}`;
  return sql<boolean>`(${PROFILE.id} in (${recorded}) and ${isCurrent})`;
}
