import { isUuid } from '@stratum/db';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The position after a page: its last delivery, as opaque base64url JSON. */
export function encodeDeliveryCursor(deliveryId: string): string {
  return Buffer.from(JSON.stringify({ d: deliveryId }), 'utf8').toString('base64url');
}

/**
 * The delivery id of a cursor made by {@link encodeDeliveryCursor}; undefined for anything
 * else, so a tampered cursor is a 400, never a SQL error. It only positions a page: the
 * tenant and destination come from the request, so a forged one shows nothing of others.
 */
export function decodeDeliveryCursor(text: string): string | undefined {
  if (!BASE64URL.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const id = (value as { d?: unknown }).d;
  if (Object.keys(value).length !== 1 || typeof id !== 'string') return undefined;
  return isUuid(id) ? id : undefined;
}
