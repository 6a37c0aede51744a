import type { AuthContext } from './auth/auth-context';

// Typed `res.locals` for every package that uses this library: set by requestContext()
// and authenticate(), read through getRequestId() and getAuth().
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      requestId?: string;
      auth?: AuthContext;
    }
  }
}

export {};
