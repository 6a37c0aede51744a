import type { Profile, RefusedMerge } from '@stratum/schemas';

/** What a node of the identity graph stands for. */
export type GraphNodeKind = 'profile' | 'identifier' | 'merged' | 'split' | 'refused';

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** Second line: when it was first and last seen, and when merged, split or refused. */
  detail: string;
  position: { x: number; y: number };
  /** For a merged profile: the merge, to show what caused it. */
  merge?: { mergeId: string; eventId: string | null; mergedAt: string };
  /** For a refused merge: why, how often, and the first and last events. */
  refusal?: {
    reason: RefusedMerge['reason'];
    refusals: number;
    firstEventId: string | null;
    lastEventId: string | null;
    firstRefusedAt: string;
    lastRefusedAt: string;
  };
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
  /** Drawn dashed: a link that does not hold (a refused merge). */
  dashed?: boolean;
}

/** How the console words a refusal's reason. */
export const REFUSAL_REASONS: Record<RefusedMerge['reason'], string> = {
  identifier_limit: 'identifier limit',
  split: 'kept apart by a split',
};

const COLUMN = 340;
const ROW = 90;

/** The first characters of a hash or id: enough to tell them apart on screen. */
export function shortId(value: string): string {
  return `${value.slice(0, 10)}…`;
}

/** To the minute, in UTC: a day alone hides that an identifier was seen once. */
function minute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

function seen(first: string, last: string): string {
  return `first seen ${minute(first)} · last seen ${minute(last)} UTC`;
}

/** Rows centred on the profile's row. */
function column(count: number, x: number): { x: number; y: number }[] {
  const top = -((count - 1) * ROW) / 2;
  return Array.from({ length: count }, (_, i) => ({ x, y: top + i * ROW }));
}

/**
 * A profile's identity graph, each node with its first and last sighting: the profile in the
 * middle, its identifiers (type and a short hash) on the right, the profiles merged into it
 * (when, and the event that caused it) on the left, the profiles a split or merge protection keeps apart from it
 * below (a refused merge on a dashed edge). Pure: the page draws what this returns.
 */
export function buildIdentityGraph(profile: Profile): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const center = `profile:${profile.profile_id}`;
  const nodes: GraphNode[] = [
    {
      id: center,
      kind: 'profile',
      label: `Profile ${shortId(profile.profile_id)}`,
      detail: seen(profile.first_seen_at, profile.last_seen_at),
      position: { x: 0, y: 0 },
    },
  ];
  const edges: GraphEdge[] = [];
  const right = column(profile.identifiers.length, COLUMN);
  profile.identifiers.forEach((identifier, i) => {
    const id = `identifier:${identifier.type}:${identifier.hash}`;
    nodes.push({
      id,
      kind: 'identifier',
      label: `${identifier.type} · ${shortId(identifier.hash)}`,
      detail: seen(identifier.first_seen_at, identifier.last_seen_at),
      position: right[i]!,
    });
    edges.push({ id: `${center}->${id}`, source: center, target: id });
  });
  const left = column(profile.merges.length, -COLUMN);
  profile.merges.forEach((merge, i) => {
    const id = `merged:${merge.merged_profile_id}`;
    nodes.push({
      id,
      kind: 'merged',
      label: `Merged ${shortId(merge.merged_profile_id)}`,
      detail: `${seen(merge.first_seen_at, merge.last_seen_at)}; merged ${minute(merge.merged_at)} UTC`,
      position: left[i]!,
      merge: { mergeId: merge.merge_id, eventId: merge.event_id, mergedAt: merge.merged_at },
    });
    edges.push({ id: `${id}->${center}`, source: id, target: center, label: 'merged into' });
  });
  // Splits and refused merges share the row below: both are profiles kept apart from it.
  const belowCount = profile.splits.length + profile.refused_merges.length;
  const below = Array.from({ length: belowCount }, (_, i) => ({
    x: (i - (belowCount - 1) / 2) * COLUMN,
    y: Math.max(right.length, left.length, 1) * (ROW / 2) + ROW * 1.5,
  }));
  profile.splits.forEach((split, i) => {
    const id = `split:${split.other_profile_id}`;
    nodes.push({
      id,
      kind: 'split',
      label: `Split from ${shortId(split.other_profile_id)}`,
      detail: `${seen(split.other_first_seen_at, split.other_last_seen_at)}; split ${minute(split.split_at)} UTC, kept apart`,
      position: below[i]!,
    });
    edges.push({ id: `${center}-x-${id}`, source: center, target: id, label: 'split' });
  });
  profile.refused_merges.forEach((refused, i) => {
    // Two refusals may name one profile (one with this profile, one with a profile merged
    // into it): the index keeps their ids apart.
    const id = `refused:${i}:${refused.other_profile_id}`;
    const times = refused.refusals === 1 ? 'once' : `${refused.refusals} times`;
    nodes.push({
      id,
      kind: 'refused',
      label: `Refused ${shortId(refused.other_profile_id)}`,
      detail: `${seen(refused.other_first_seen_at, refused.other_last_seen_at)}; merge refused ${times}, last ${minute(refused.last_refused_at)} UTC (${REFUSAL_REASONS[refused.reason]})`,
      position: below[profile.splits.length + i]!,
      refusal: {
        reason: refused.reason,
        refusals: refused.refusals,
        firstEventId: refused.first_event_id,
        lastEventId: refused.last_event_id,
        firstRefusedAt: refused.first_refused_at,
        lastRefusedAt: refused.last_refused_at,
      },
    });
    edges.push({
      id: `${center}-/-${id}`,
      source: center,
      target: id,
      label: 'merge refused',
      dashed: true,
    });
  });
  return { nodes, edges };
}
