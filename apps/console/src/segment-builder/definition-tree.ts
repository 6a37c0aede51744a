/**
 * The segment builder's model: the definition itself (SPEC §11), as plain JSON, edited by
 * path. Pure, so the form and its tests share one implementation.
 */

/** A node of a definition: a group or a condition, as the API takes it. */
export type DefinitionNode = Record<string, unknown>;

/** Where a node is: keys and indexes from the root, e.g. `['all', 1, 'not']`. */
export type NodePath = readonly (string | number)[];

export const GROUP_KINDS = ['all', 'any', 'not'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export const CONDITION_KINDS = [
  'trait',
  'event',
  'identifier',
  'consent',
  'first_seen',
  'last_seen',
] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

/** The kind of a node: the key that names it. */
export function kindOf(node: DefinitionNode): GroupKind | ConditionKind {
  for (const kind of [...GROUP_KINDS, ...CONDITION_KINDS]) if (kind in node) return kind;
  return 'trait';
}

export function isGroup(node: DefinitionNode): boolean {
  return (GROUP_KINDS as readonly string[]).includes(kindOf(node));
}

/** The members of a group (one for `not`). */
export function childrenOf(node: DefinitionNode): DefinitionNode[] {
  if ('not' in node) return [node['not'] as DefinitionNode];
  const list = node['all'] ?? node['any'];
  return Array.isArray(list) ? (list as DefinitionNode[]) : [];
}

/** A new condition of a kind, filled with a valid starting point. */
export function newCondition(kind: ConditionKind): DefinitionNode {
  switch (kind) {
    case 'trait':
      return { trait: 'plan', op: 'eq', value: 'pro' };
    case 'event':
      return { event: 'Order Completed', count: { op: 'gte', value: 1 }, within_days: 30 };
    case 'identifier':
      return { identifier: 'email' };
    case 'consent':
      return { consent: 'marketing', status: 'granted' };
    case 'first_seen':
      return { first_seen: { within_days: 30 } };
    case 'last_seen':
      return { last_seen: { within_days: 7 } };
  }
}

/** A group of a kind holding `members` (`not` holds the first only). */
export function newGroup(kind: GroupKind, members: DefinitionNode[]): DefinitionNode {
  return kind === 'not' ? { not: members[0] ?? newCondition('trait') } : { [kind]: members };
}

/** The node at `path`. */
export function nodeAt(root: DefinitionNode, path: NodePath): DefinitionNode {
  let node: unknown = root;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node as DefinitionNode;
}

/** A copy of `root` with the node at `path` replaced by `node`. */
export function replaceAt(
  root: DefinitionNode,
  path: NodePath,
  node: DefinitionNode,
): DefinitionNode {
  if (path.length === 0) return node;
  const [key, ...rest] = path;
  const copy: Record<string | number, unknown> | unknown[] = Array.isArray(root)
    ? [...(root as unknown[])]
    : { ...root };
  (copy as Record<string | number, unknown>)[key!] = replaceAt(
    (root as Record<string | number, DefinitionNode>)[key!]!,
    rest,
    node,
  );
  return copy as DefinitionNode;
}

/** A copy of `root` with `child` added to the group at `path` (`not` wraps into `all`). */
export function addChild(
  root: DefinitionNode,
  path: NodePath,
  child: DefinitionNode,
): DefinitionNode {
  const group = nodeAt(root, path);
  const kind = kindOf(group);
  if (kind === 'not') return replaceAt(root, path, { not: { all: [group['not'], child] } });
  return replaceAt(root, path, { [kind]: [...childrenOf(group), child] });
}

/**
 * A copy of `root` without the member at `path` (a path ending in a group's list index).
 * A group left empty keeps its last member instead: a group must list at least one.
 */
export function removeAt(root: DefinitionNode, path: NodePath): DefinitionNode {
  const index = path[path.length - 1];
  const listKey = path[path.length - 2];
  if (typeof index !== 'number' || (listKey !== 'all' && listKey !== 'any')) return root;
  const groupPath = path.slice(0, -2);
  const group = nodeAt(root, groupPath);
  const members = childrenOf(group);
  if (members.length <= 1) return root;
  return replaceAt(root, groupPath, { [listKey]: members.filter((_, i) => i !== index) });
}

/** A copy of `root` with the group at `path` turned into another kind of group. */
export function changeGroupKind(
  root: DefinitionNode,
  path: NodePath,
  kind: GroupKind,
): DefinitionNode {
  return replaceAt(root, path, newGroup(kind, childrenOf(nodeAt(root, path))));
}

/**
 * A trait or filter value as typed: a number when it reads as one, `true`/`false` as
 * booleans, otherwise the text; `in` takes a comma-separated list.
 */
export function parseValue(text: string, op: string): unknown {
  if (op === 'in') return text.split(',').map((part) => parseValue(part.trim(), 'eq'));
  if (text === 'true' || text === 'false') return text === 'true';
  if (text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}

/** A scalar as text; anything else as empty text. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** The text a value is edited as (the inverse of {@link parseValue}). */
export function valueText(value: unknown): string {
  return Array.isArray(value) ? value.map(text).join(', ') : text(value);
}
