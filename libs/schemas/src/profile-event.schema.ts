import { z } from 'zod';
import { DateTimeSchema } from './datetime.schema';
import { EventTypeSchema } from './event.schema';
import { HashedIdentifierSchema } from './identifier.schema';
import { ProfileIdSchema, SourceIdSchema } from './ids.schema';

const JsonRecord = z.record(z.string(), z.unknown());

/** A stored event as the profile API returns it: identifiers as hashes only. */
export const ProfileEventSchema = z
  .object({
    event_id: z.string(),
    type: EventTypeSchema,
    name: z.string().nullable(),
    timestamp: DateTimeSchema.meta({ description: 'When it happened, in UTC.' }),
    received_at: DateTimeSchema,
    source_id: SourceIdSchema.nullable(),
    profile_id: ProfileIdSchema.meta({ description: 'The profile it was first resolved to.' }),
    identifiers: z.array(HashedIdentifierSchema),
    traits: JsonRecord.nullable(),
    properties: JsonRecord,
    context: JsonRecord,
  })
  .meta({ id: 'ProfileEvent' });
export type ProfileEvent = z.infer<typeof ProfileEventSchema>;

/** One page of a profile's events, newest first. */
export const ProfileEventsPageSchema = z
  .object({
    events: z.array(ProfileEventSchema),
    next_cursor: z.string().nullable().meta({ description: 'Null on the last page.' }),
  })
  .meta({ id: 'ProfileEventsPage' });
export type ProfileEventsPage = z.infer<typeof ProfileEventsPageSchema>;
