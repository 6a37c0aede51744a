import type { z } from 'zod';

/**
 * Lets an object-level refinement run even when a field already failed, so one response
 * lists every problem of an event. The refinement must then read fields defensively.
 */
export const whenObject = {
  when: (payload: z.core.ParsePayload): boolean =>
    typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
};
