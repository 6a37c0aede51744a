import './locals';

export * from './config/load-config';
export * from './config/env-fields';
export * from './config/base-api-config';
export * from './config/describe-config';
export * from './logging/logger';
export * from './logging/request-context.middleware';
export { routePattern } from './logging/route-pattern';
export * from './errors/error-codes';
export * from './errors/app-error';
export * from './errors/problem';
export * from './errors/database-unavailable';
export * from './errors/to-app-error';
export * from './errors/error-handler';
export * from './body/json-body.middleware';
export * from './auth/auth-context';
