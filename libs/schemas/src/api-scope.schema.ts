import { z } from 'zod';

/** Every scope an API key may carry. */
export const API_SCOPES = [
  'events:write',
  'profiles:read',
  'sources:read',
  'sources:write',
  'consents:write',
  'admin',
] as const;

export const ApiScopeSchema = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof ApiScopeSchema>;
