import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonResponse } from '../../core/http/schemas.js';
import { SegmentCounts } from './schemas.js';
import { countSegments } from './store.js';

const listSegments = defineRoute({
  method: 'get',
  path: '/v1/segments',
  operationId: 'listSegments',
  tags: ['Segments'],
  summary: 'Customers per segment and health status',
  description:
    'Counts of the customers the credential may see (archived and merged ones left out) in each RFM segment, by health status, and how many have no purchase that counts yet. `GET /v1/customers?segment=` lists a segment’s customers. Scores are stored, not computed here: each sale or return rescores its customer in its own transaction, and a sweep rescores customers whose recency or health the calendar has moved, every 5 minutes. The counts are kept as the scores change, so a credential of the whole tenant reads them without counting its customers; a branch-limited credential’s are counted when asked.',
  permission: 'view_customers',
  responses: { 200: jsonResponse(SegmentCounts, 'The counts.') },
});

/** `GET /v1/segments`. */
export function segmentRoutes() {
  return createRouter().openapi(listSegments, async (c) =>
    c.json(await countSegments(c.get('services').db, c.get('principal')), 200),
  );
}
