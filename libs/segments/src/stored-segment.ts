import type { SegmentRow } from '@stratum/db';
import { SegmentDefinitionSchema } from '@stratum/schemas';
import type { SegmentDefinition } from '@stratum/schemas';

/** A stored segment at its current version. */
export interface StoredSegment {
  tenantId: string;
  segmentId: string;
  name: string;
  version: number;
  definition: SegmentDefinition;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A row as a segment. The definition is parsed again on the way out: rows are written only
 * after parsing, and reading through the schema keeps one meaning of a definition.
 */
export function segmentRowToSegment(
  row: Pick<
    SegmentRow,
    'tenant_id' | 'segment_id' | 'name' | 'version' | 'definition' | 'created_at' | 'updated_at'
  >,
): StoredSegment {
  return {
    tenantId: row.tenant_id,
    segmentId: row.segment_id,
    name: row.name,
    version: row.version,
    definition: SegmentDefinitionSchema.parse(row.definition),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns {@link segmentRowToSegment} reads. */
export const SEGMENT_COLUMNS = [
  'tenant_id',
  'segment_id',
  'name',
  'version',
  'definition',
  'created_at',
  'updated_at',
] as const;
