import type { Response } from 'express';

/** Sends a JSON answer that no shared cache may keep: profiles and memberships are personal data. */
export function sendPrivate(res: Response, body: unknown): void {
  res.setHeader('Cache-Control', 'private, no-store');
  res.json(body);
}

/** As sendPrivate, for a body already serialized (a cached answer). */
export function sendPrivateJson(res: Response, json: string): void {
  res.setHeader('Cache-Control', 'private, no-store');
  res.type('application/json').send(json);
}
