import type { Application } from 'express';

const SHUTTING_DOWN = 'stratumShuttingDown';

/** Marks an app as draining (set by `startServer` on shutdown; read by /readyz). */
export function markShuttingDown(app: Application): void {
  app.locals[SHUTTING_DOWN] = true;
}

/** Whether shutdown of this app has begun. */
export function isShuttingDown(app: Application): boolean {
  return app.locals[SHUTTING_DOWN] === true;
}
