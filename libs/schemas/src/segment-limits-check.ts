import { SEGMENT_LIMITS } from './segment-limits';

/** One broken limit, at the path of the node that broke it. */
export interface SegmentLimitIssue {
  path: (string | number)[];
  message: string;
}

/** True for `{…}`, false for arrays, null and primitives. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Pending {
  node: unknown;
  path: (string | number)[];
  /** Groups enclosing this node. */
  depth: number;
}

function children(group: Record<string, unknown>, at: Pending): Pending[] {
  const depth = at.depth + 1;
  if (Object.hasOwn(group, 'not'))
    return [{ node: group['not'], path: [...at.path, 'not'], depth }];
  const key = Object.hasOwn(group, 'all') ? 'all' : 'any';
  const members: unknown = group[key];
  if (!Array.isArray(members)) return [];
  return (members as unknown[]).map((node, index) => ({
    node,
    path: [...at.path, key, index],
    depth,
  }));
}

function isGroup(node: unknown): node is Record<string, unknown> {
  return (
    isPlainObject(node) &&
    (Object.hasOwn(node, 'all') || Object.hasOwn(node, 'any') || Object.hasOwn(node, 'not'))
  );
}

/**
 * Checks the raw input of a definition against the depth and size limits, walking it
 * without recursion and never deeper than the limit, before the grammar is parsed: the
 * issue of a too-deep group names that group, that of the condition past the limit names
 * the condition.
 */
export function checkSegmentLimits(root: unknown): SegmentLimitIssue[] {
  const { maxDepth, maxConditions } = SEGMENT_LIMITS;
  const issues: SegmentLimitIssue[] = [];
  let conditions = 0;
  // Depth-first, in document order, so "the 101st condition" is the one a reader counts to.
  const stack: Pending[] = [{ node: root, path: [], depth: 0 }];
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (!isGroup(at.node)) {
      conditions += 1;
      if (conditions === maxConditions + 1) {
        issues.push({
          path: at.path,
          message: `is past the limit of ${maxConditions} conditions in one definition`,
        });
      }
      continue;
    }
    if (at.depth + 1 > maxDepth) {
      issues.push({ path: at.path, message: `nests groups more than ${maxDepth} deep` });
      continue;
    }
    stack.push(...children(at.node, at).reverse());
  }
  return issues;
}
