import type { Router } from 'express';
import {
  SEGMENT_ROUTES,
  redactSegmentMessage,
  segmentMessageToEvent,
  splitSegmentBody,
} from '@stratum/compat';
import { idField } from './vendor-ingest';
import { vendorRouter } from './vendor-router';
import type { VendorRouteDeps } from './vendor-router';

/**
 * Segment's and RudderStack's HTTP tracking API: `POST /v1/{track,identify,page,screen,
 * group,alias,batch}` and analytics.js's `/v1/{t,i,p,s,g,a,b}`, answered
 * `{"success":true}` plus Stratum's per-event counts.
 */
export function segmentRouter(deps: VendorRouteDeps): Router {
  return vendorRouter(deps, {
    paths: Object.keys(SEGMENT_ROUTES),
    split: splitSegmentBody,
    map: segmentMessageToEvent,
    naming: (_body, path) => {
      const batch = SEGMENT_ROUTES[path.replace(/\/$/, '')] === 'batch';
      return {
        messagePath: (index) => (batch ? `batch.${index}` : ''),
        fields: { event_id: 'messageId', name: 'event' },
        messageId: (message) => idField(message, 'messageId'),
      };
    },
    answer: { success: true },
    logging: { route: 'segment', redact: redactSegmentMessage },
  });
}
