import type { IdentifierCondition } from '@stratum/schemas';
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { PROFILE } from './compile-context';
import type { CompileContext } from './compile-context';

/**
 * An identifier condition: the profile holds an identifier of the type. A merge moves the
 * merged profile's identifiers to the survivor, so the profile's own rows are all of them.
 */
export function compileIdentifierCondition(
  condition: IdentifierCondition,
  ctx: CompileContext,
): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from cdp_profile_identifiers i
    where i.tenant_id = ${ctx.tenantId} and i.profile_id = ${PROFILE.id}
      and i.identifier_type = ${condition.identifier})`;
}
