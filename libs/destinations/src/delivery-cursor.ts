import { isUuid } from '@stratum/db';
import { decodeCursor, encodeCursor } from '@stratum/schemas';

/** The position after a page: its last delivery, as an opaque cursor. */
export function encodeDeliveryCursor(deliveryId: string): string {
  return encodeCursor({ d: deliveryId });
}

/**
 * The delivery id of a cursor made by {@link encodeDeliveryCursor}; undefined for anything
 * else, so a tampered cursor is a 400, never a SQL error. It only positions a page: the
 * tenant and destination come from the request, so a forged one shows nothing of others.
 */
export function decodeDeliveryCursor(text: string): string | undefined {
  const id = decodeCursor(text, ['d'])?.d;
  return typeof id === 'string' && isUuid(id) ? id : undefined;
}
