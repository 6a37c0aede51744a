import { SegmentDefinitionSchema } from './segment-definition.schema';

/** The issues of parsing `input` as a definition, as [path, message] pairs. */
export function issuesOf(input: unknown): [string, string][] {
  const result = SegmentDefinitionSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
}

/** A trait condition inside `depth` nested `not` groups. */
export function nested(depth: number): unknown {
  let node: unknown = { trait: 'plan', op: 'exists' };
  for (let i = 0; i < depth; i++) node = { not: node };
  return node;
}
