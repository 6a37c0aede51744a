import type { SegmentNode } from '@stratum/schemas';

/**
 * Whether a definition's result can change with time alone (no write to the profile): an
 * event condition with `within_days`, or any `first_seen` / `last_seen` condition. Such
 * segments are recomputed on a schedule; the others change only when a profile does.
 */
export function isTimeRelative(node: SegmentNode): boolean {
  if ('all' in node) return node.all.some(isTimeRelative);
  if ('any' in node) return node.any.some(isTimeRelative);
  if ('not' in node) return isTimeRelative(node.not);
  if ('first_seen' in node || 'last_seen' in node) return true;
  if ('event' in node) return node.within_days !== undefined;
  return false;
}
