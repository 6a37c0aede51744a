import type { SegmentNode } from '@stratum/schemas';
import { sql } from 'kysely';
import type { Expression, RawBuilder, SqlBool } from 'kysely';
import type { CompileContext } from './compile-context';
import { compileConsentCondition } from './compile-consent-condition';
import { compileEventCondition } from './compile-event-condition';
import { compileIdentifierCondition } from './compile-identifier-condition';
import { compileSeenCondition } from './compile-seen-condition';
import { compileTraitCondition } from './compile-trait-condition';

function compileMembers(
  members: SegmentNode[],
  joiner: 'and' | 'or',
  ctx: CompileContext,
): RawBuilder<boolean> {
  const compiled = members.map((member) => compileNode(member, ctx));
  return sql<boolean>`(${sql.join(compiled, joiner === 'and' ? sql` and ` : sql` or `)})`;
}

/**
 * One node of a definition as a boolean SQL expression over the profile `p`. Every
 * condition compiles to true or false, never NULL, so groups and `not` follow plain logic.
 */
function compileNode(node: SegmentNode, ctx: CompileContext): RawBuilder<boolean> {
  if ('all' in node) return compileMembers(node.all, 'and', ctx);
  if ('any' in node) return compileMembers(node.any, 'or', ctx);
  if ('not' in node) return sql<boolean>`not ${compileNode(node.not, ctx)}`;
  if ('trait' in node) return compileTraitCondition(node);
  if ('event' in node) return compileEventCondition(node, ctx);
  if ('identifier' in node) return compileIdentifierCondition(node, ctx);
  if ('consent' in node) return compileConsentCondition(node, ctx);
  if ('first_seen' in node) return compileSeenCondition('first_seen', node.first_seen, ctx);
  return compileSeenCondition('last_seen', node.last_seen, ctx);
}

/**
 * Compiles a parsed segment definition (SegmentDefinitionSchema's output) into a filter
 * over `cdp_profiles as p`: the profile is the tenant's, has not been merged away, and
 * matches the definition. Every value, path and name of the definition is a bound
 * parameter; the SQL text holds only what this library writes.
 *
 * @example db.selectFrom('cdp_profiles as p').select('p.profile_id').where(compileSegment(definition, { tenantId, now }))
 */
export function compileSegment(definition: SegmentNode, ctx: CompileContext): Expression<SqlBool> {
  return sql<SqlBool>`(p.tenant_id = ${ctx.tenantId} and p.merged_into is null
    and ${compileNode(definition, ctx)})`;
}
