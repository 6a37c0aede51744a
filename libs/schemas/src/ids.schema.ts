import { z } from 'zod';

// Any 8-4-4-4-12 hex form, as PostgreSQL's uuid type accepts, not only RFC 9562 versions.
const uuid = () =>
  z.guid({
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be a UUID'),
  });

export const ProfileIdSchema = uuid().meta({
  format: 'uuid',
  description: 'A profile id (UUID).',
  example: '0b8f4d52-5d7e-4c1a-9a57-3b8e9f2c1d40',
});

export const SourceIdSchema = uuid().meta({
  format: 'uuid',
  description: 'A source id (UUID).',
  example: '5f0c2a9e-8f3b-4f7d-b2a4-6a1e0d9c7b12',
});

export const SegmentIdSchema = uuid().meta({
  format: 'uuid',
  description: 'A segment id (UUID).',
  example: '7d1e3b0a-2c4f-4e8a-9b6d-1f2e3a4b5c6d',
});

/** Path parameters of `/profiles/{id}…`. */
export const ProfileIdParamsSchema = z.object({ id: ProfileIdSchema });
export type ProfileIdParams = z.infer<typeof ProfileIdParamsSchema>;

/** Path parameters of `/sources/{id}…`. */
export const SourceIdParamsSchema = z.object({ id: SourceIdSchema });
export type SourceIdParams = z.infer<typeof SourceIdParamsSchema>;

/** Path parameters of `/segments/{id}…`. */
export const SegmentIdParamsSchema = z.object({ id: SegmentIdSchema });
export type SegmentIdParams = z.infer<typeof SegmentIdParamsSchema>;
