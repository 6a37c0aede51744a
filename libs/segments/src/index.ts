// The public face of @stratum/segments: a parsed definition compiled to SQL, and evaluated.
export { compileSegment } from './compile-segment';
export type { CompileContext } from './compile-context';
export { selectMemberIds } from './select-member-ids';
export type { SegmentReader, SelectMemberIdsOptions } from './select-member-ids';
export { previewSegment } from './preview-segment';
export type { PreviewOptions, SegmentPreview } from './preview-segment';
