import type { Router } from 'express';
import {
  POSTHOG_ROUTES,
  posthogMessageToEvent,
  redactPosthogMessage,
  splitPosthogBody,
} from '@stratum/compat';
import { idField } from './vendor-ingest';
import { vendorRouter } from './vendor-router';
import type { VendorRouteDeps } from './vendor-router';

/**
 * PostHog's capture API: `POST /batch`, `/e`, `/i/v0/e`, `/capture` (each also with a
 * trailing slash), answered `{"status":"Ok"}` plus Stratum's per-event counts.
 */
export function posthogRouter(deps: VendorRouteDeps): Router {
  return vendorRouter(deps, {
    paths: POSTHOG_ROUTES,
    split: splitPosthogBody,
    map: posthogMessageToEvent,
    naming: (body) => {
      const batch = typeof body === 'object' && body !== null && 'batch' in body;
      return {
        messagePath: (index) => (Array.isArray(body) ? `${index}` : batch ? `batch.${index}` : ''),
        fields: { event_id: 'uuid', name: 'event', traits: '$set' },
        messageId: (message) => idField(message, 'uuid'),
      };
    },
    answer: { status: 'Ok' },
    logging: { route: 'posthog', redact: redactPosthogMessage },
  });
}
