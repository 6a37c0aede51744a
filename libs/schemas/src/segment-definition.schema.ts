import { z } from 'zod';
import { expecting } from './messages';
import { TraitConditionSchema } from './segment-comparison.schema';
import type { TraitCondition } from './segment-comparison.schema';
import {
  ConsentConditionSchema,
  EventConditionSchema,
  FirstSeenConditionSchema,
  IdentifierConditionSchema,
  LastSeenConditionSchema,
} from './segment-condition.schema';
import type {
  ConsentCondition,
  EventCondition,
  FirstSeenCondition,
  IdentifierCondition,
  LastSeenCondition,
} from './segment-condition.schema';
import { SEGMENT_LIMITS } from './segment-limits';
import { checkSegmentLimits, isPlainObject } from './segment-limits-check';

/** The version of the definition grammar; a definition may state it as `"schema": 1`. */
const SEGMENT_GRAMMAR_VERSION = 1;

/** A leaf of a definition. */
export type SegmentCondition =
  | TraitCondition
  | EventCondition
  | IdentifierCondition
  | ConsentCondition
  | FirstSeenCondition
  | LastSeenCondition;

/** `{ all: [...] }` (every member matches), `{ any: [...] }` (one does), `{ not: node }`. */
export type SegmentGroup = { all: SegmentNode[] } | { any: SegmentNode[] } | { not: SegmentNode };

/** A group or a condition. */
export type SegmentNode = SegmentGroup | SegmentCondition;

/** A parsed definition: its root node, with the grammar version it was written in. */
export type SegmentDefinition = SegmentNode & { schema: typeof SEGMENT_GRAMMAR_VERSION };

const GROUP_MESSAGE = `must list 1 to ${SEGMENT_LIMITS.maxGroupSize} conditions or groups`;

function memberList() {
  return z
    .array(
      z.lazy(() => SegmentNodeSchema),
      expecting('an array'),
    )
    .min(1, GROUP_MESSAGE)
    .max(SEGMENT_LIMITS.maxGroupSize, GROUP_MESSAGE);
}

// Which key names the kind of a node: exactly one of them must be present.
const NODE_SCHEMAS = {
  all: z.strictObject({ all: memberList() }),
  any: z.strictObject({ any: memberList() }),
  not: z.strictObject({ not: z.lazy(() => SegmentNodeSchema) }),
  trait: TraitConditionSchema,
  event: EventConditionSchema,
  identifier: IdentifierConditionSchema,
  consent: ConsentConditionSchema,
  first_seen: FirstSeenConditionSchema,
  last_seen: LastSeenConditionSchema,
} as const;

type NodeKind = keyof typeof NODE_SCHEMAS;
const NODE_KINDS = Object.keys(NODE_SCHEMAS) as NodeKind[];

const KIND_MESSAGE =
  'must be a group (all, any, not) or a condition (trait, event, identifier, consent, first_seen, last_seen)';

// A key is put in an issue's path only when it looks like a field name, never like data.
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/**
 * Re-reports the issues of a node's own schema with paths that name the field: an unknown
 * key becomes one issue at that key instead of a list at its object.
 */
function reportIssues(issues: readonly z.core.$ZodIssue[], ctx: z.RefinementCtx): void {
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      continue;
    }
    for (const key of issue.keys) {
      if (FIELD_NAME.test(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [...issue.path, key],
          message: 'is not a known field here',
        });
      } else {
        ctx.addIssue({
          code: 'custom',
          path: issue.path,
          message: 'has a field that is not known here',
        });
      }
    }
  }
}

function parseNode(input: unknown, ctx: z.RefinementCtx): SegmentNode {
  if (!isPlainObject(input)) {
    ctx.addIssue({
      code: 'custom',
      message: input === undefined ? 'is required' : 'must be an object',
    });
    return z.NEVER;
  }
  const kinds = NODE_KINDS.filter((kind) => Object.hasOwn(input, kind));
  const [kind, second] = kinds;
  if (kind === undefined) {
    ctx.addIssue({ code: 'custom', message: KIND_MESSAGE });
    return z.NEVER;
  }
  if (second !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: [second],
      message: `must not be combined with ${kind}: one group or condition per object`,
    });
    return z.NEVER;
  }
  const result = NODE_SCHEMAS[kind].safeParse(input);
  if (!result.success) {
    reportIssues(result.error.issues, ctx);
    return z.NEVER;
  }
  return result.data;
}

/**
 * One node of a definition: a group or a condition, recognised by its key (`all`, `trait`,
 * …) and then checked by that kind's schema, so that every issue names the field at fault
 * (`all.2.op`) rather than "matches none of 9 alternatives".
 */
export const SegmentNodeSchema: z.ZodType<SegmentNode, unknown> = z
  .unknown()
  .transform(parseNode)
  .meta({ id: 'SegmentNode' });

function parseDefinition(input: unknown, ctx: z.RefinementCtx): SegmentDefinition {
  let node = input;
  if (isPlainObject(input) && Object.hasOwn(input, 'schema')) {
    const { schema, ...rest } = input;
    if (schema !== SEGMENT_GRAMMAR_VERSION) {
      ctx.addIssue({
        code: 'custom',
        path: ['schema'],
        message: `must be ${SEGMENT_GRAMMAR_VERSION} (the version of the grammar)`,
      });
      return z.NEVER;
    }
    node = rest;
  }
  // Limits first, on the raw input: a thousand-deep `not` must not recurse through zod.
  const limitIssues = checkSegmentLimits(node);
  if (limitIssues.length > 0) {
    for (const issue of limitIssues) ctx.addIssue({ code: 'custom', ...issue });
    return z.NEVER;
  }
  const result = SegmentNodeSchema.safeParse(node);
  if (!result.success) {
    reportIssues(result.error.issues, ctx);
    return z.NEVER;
  }
  return { schema: SEGMENT_GRAMMAR_VERSION, ...result.data };
}

/**
 * A segment definition (SPEC §17): a group or a condition at the root, optionally with
 * `"schema": 1`. Parsed, it always carries `schema`. Bad definitions give one issue per
 * problem, each with the path of the field (`all.2.op`) and a message that never quotes
 * the submitted value.
 */
export const SegmentDefinitionSchema: z.ZodType<SegmentDefinition, unknown> = z
  .unknown()
  .transform(parseDefinition)
  // The grammar is recursive and recognised by key, which JSON Schema renders poorly: the
  // document points to the grammar's page and shows an example instead.
  .meta({
    id: 'SegmentDefinition',
    type: 'object',
    description:
      'A group (`all`, `any`, `not`) or a condition (`trait`, `event`, `identifier`, `consent`, ' +
      '`first_seen`, `last_seen`); the grammar is in docs/SEGMENTS.md.',
    example: {
      all: [
        { trait: 'plan', op: 'eq', value: 'pro' },
        { event: 'Order Completed', count: { op: 'gte', value: 2 }, within_days: 30 },
        { consent: 'marketing', status: 'granted' },
        { any: [{ identifier: 'email' }, { identifier: 'phone' }] },
        { not: { last_seen: { within_days: 7 } } },
      ],
    },
  });
