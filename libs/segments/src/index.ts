// The public face of @stratum/segments: definitions compiled to SQL and evaluated, stored
// segments, and their live membership.
export type { CompileContext } from './compile-context';
export { selectMemberIds } from './select-member-ids';
export type { SegmentReader, SelectMemberIdsOptions } from './select-member-ids';
export { previewSegment } from './preview-segment';
export type { PreviewOptions, SegmentPreview } from './preview-segment';
export {
  createSegment,
  deleteSegment,
  findSegment,
  listSegments,
  updateSegment,
} from './segment.repository';
export type { SegmentWriteOptions, SegmentWriteResult } from './segment.repository';
export { countSegmentMembers } from './count-segment-members';
export type { SegmentInputIssue } from './segment-input-issues';
export type { StoredSegment } from './stored-segment';
export type { MembershipDelta } from './apply-membership';
export { reevaluateProfiles } from './reevaluate-profiles';
export type { ReevaluateOptions, ReevaluationResult } from './reevaluate-profiles';
export { recomputeSegment } from './recompute-segment';
export type { RecomputeOptions } from './recompute-segment';
export { recomputeSegments } from './recompute-segments';
export type { RecomputeSegmentsOptions } from './recompute-segments';
