import type { Application } from 'express';

const SHUTTING_DOWN = 'stratumShuttingDown';
const DRAIN_LISTENERS = 'stratumDrainListeners';

function drainListeners(app: Application): (() => void)[] {
  const locals = app.locals as Record<string, unknown>;
  locals[DRAIN_LISTENERS] ??= [];
  return locals[DRAIN_LISTENERS] as (() => void)[];
}

/**
 * Marks an app as draining (set by `startServer` on shutdown; read by /readyz) and tells
 * its drain listeners, once.
 */
export function markShuttingDown(app: Application): void {
  if (isShuttingDown(app)) return;
  app.locals[SHUTTING_DOWN] = true;
  for (const listener of drainListeners(app)) listener();
}

/** Whether shutdown of this app has begun. */
export function isShuttingDown(app: Application): boolean {
  return app.locals[SHUTTING_DOWN] === true;
}

/**
 * Runs `listener` when the app starts draining. For answers that never end by themselves
 * (streams): the server waits for every connection, so they must close for it to stop.
 */
export function onDrain(app: Application, listener: () => void): void {
  drainListeners(app).push(listener);
}
