import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { Application, Request, Response } from 'express';

const ACCEPTS_UPGRADES = 'stratumAcceptsUpgrades';
const UPGRADE = Symbol('stratum.upgrade');

interface PendingUpgrade {
  socket: Duplex;
  head: Buffer;
}

type UpgradeRequest = http.IncomingMessage & { [UPGRADE]?: PendingUpgrade };

/**
 * Has `startServer` route this app's HTTP upgrade requests (WebSocket handshakes) through
 * the app like any request, so authentication, rate limits, validation and problem+json
 * answers apply to them too. A route takes the connection over with {@link takeUpgrade}.
 */
export function acceptUpgrades(app: Application): void {
  app.locals[ACCEPTS_UPGRADES] = true;
}

/** Whether {@link acceptUpgrades} was called for the app. */
export function acceptsUpgrades(app: Application): boolean {
  return app.locals[ACCEPTS_UPGRADES] === true;
}

/**
 * Hands an upgrade request to the app with a response written straight to its socket: an
 * error answer reaches the client as HTTP, then the socket ends; a route that accepts it
 * takes the socket with {@link takeUpgrade}.
 */
export function routeUpgrade(
  app: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  req: http.IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  (req as UpgradeRequest)[UPGRADE] = { socket, head };
  const res = new http.ServerResponse(req);
  res.shouldKeepAlive = false;
  res.assignSocket(socket as never);
  res.on('finish', () => socket.end());
  socket.on('error', () => socket.destroy());
  app(req, res);
}

/**
 * The socket and first bytes of an upgrade request, detached from its HTTP response so the
 * caller (a WebSocket server) owns them; undefined for a plain HTTP request.
 */
export function takeUpgrade(req: Request, res: Response): PendingUpgrade | undefined {
  const pending = (req as UpgradeRequest)[UPGRADE];
  if (pending === undefined) return undefined;
  res.detachSocket(pending.socket as never);
  res.removeAllListeners('finish');
  return pending;
}
