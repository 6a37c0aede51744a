import { z } from 'zod';
import { MATCH_KEYS } from './match-keys';
import type { MatchKey } from './match-keys';

const shares = Object.fromEntries(
  MATCH_KEYS.map((key) => [key, z.number().min(0).max(1)]),
) as Record<MatchKey, z.ZodNumber>;

/** How matchable a set of events is for ad platforms (docs/DATA_QUALITY.md). */
export const MatchQualitySchema = z
  .object({
    score: z.number().min(0).max(10).meta({ description: '0–10, one decimal.' }),
    rating: z.enum(['poor', 'fair', 'good', 'great']),
    keys: z.object(shares).meta({ description: 'Share of the events carrying each key, 0–1.' }),
    advice: z
      .string()
      .nullable()
      .meta({ description: 'The change that would raise the score most; null at 10.' }),
  })
  .meta({ id: 'MatchQuality' });
