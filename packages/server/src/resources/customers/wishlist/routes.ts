import { invalidField, notFound } from '../../../core/errors.js';
import { IfMatchHeader, parseIfMatch, versionEtag } from '../../../core/http/if-match.js';
import { PageQuery, pageSchema } from '../../../core/http/pagination.js';
import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../../core/http/schemas.js';
import { OUTBOX_WORKER } from '../../communications/outbox-worker.js';
import { survivingCustomerId } from '../merged.js';
import {
  CreateWishlistItemBody,
  type NotifyWishlistItemBody as NotifyBody,
  NotifyWishlistItemBody,
  UpdateWishlistItemBody,
  WishlistItem,
  WishlistNotification,
} from './schemas.js';
import {
  addWishlistItem,
  listWishlist,
  notifyWishlistItem,
  removeWishlistItem,
  updateWishlistItem,
} from './store.js';

const CUSTOMER_ID_EXAMPLE = 'cus_01jd8x3k2m0000000000000000';
const ITEM_ID_EXAMPLE = 'wsh_01jd8x3k2m0000000000000000';

const listWishlistRoute = defineRoute({
  method: 'get',
  path: '/v1/customers/{id}/wishlist',
  operationId: 'listWishlist',
  tags: ['Wishlist'],
  summary: 'A customer’s wishlist',
  description:
    'Newest first, each with its price when added, whether it is in stock and when the customer was last told. A merged customer’s id answers the survivor’s.',
  permission: 'view_customers',
  id: CUSTOMER_ID_EXAMPLE,
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(pageSchema(WishlistItem, 'WishlistPage'), 'A page of the wishlist.'),
  },
  errors: ['not_found'],
});

const addWishlistRoute = defineRoute({
  method: 'post',
  path: '/v1/customers/{id}/wishlist',
  operationId: 'addWishlistItem',
  tags: ['Wishlist'],
  summary: 'Add a piece to a customer’s wishlist',
  description:
    'The retail price is kept as sent (a snapshot in the tenant’s currency); `added_by` is the credential. Audited as `wishlist.added` on the customer. A merged customer answers 409 `customer_merged`, an erased one 409 `customer_erased`.',
  permission: 'edit_customer',
  id: CUSTOMER_ID_EXAMPLE,
  request: { body: jsonBody(CreateWishlistItemBody) },
  responses: { 201: jsonResponse(WishlistItem, 'The new item.') },
  errors: ['not_found', 'customer_merged', 'customer_erased'],
});

const updateWishlistRoute = defineRoute({
  method: 'patch',
  path: '/v1/customers/{id}/wishlist/{item_id}',
  operationId: 'updateWishlistItem',
  tags: ['Wishlist'],
  summary: 'Say whether a wished-for piece is in stock',
  description:
    'Sets `available` (the host’s inventory says the piece is in or out of stock); audited as `wishlist.updated`. With `If-Match`, a stale version answers 412 `version_conflict` with `current_version`.',
  permission: 'edit_customer',
  id: CUSTOMER_ID_EXAMPLE,
  itemId: ITEM_ID_EXAMPLE,
  request: { headers: IfMatchHeader, body: jsonBody(UpdateWishlistItemBody) },
  responses: { 200: jsonResponse(WishlistItem, 'The item.') },
  errors: ['not_found', 'customer_merged', 'customer_erased', 'version_conflict'],
});

const removeWishlistRoute = defineRoute({
  method: 'delete',
  path: '/v1/customers/{id}/wishlist/{item_id}',
  operationId: 'removeWishlistItem',
  tags: ['Wishlist'],
  summary: 'Remove a piece from a customer’s wishlist',
  description:
    'The item goes; the `wishlist.removed` audit entry on the customer keeps what it was. With `If-Match`, a stale version answers 412.',
  permission: 'edit_customer',
  id: CUSTOMER_ID_EXAMPLE,
  itemId: ITEM_ID_EXAMPLE,
  request: { headers: IfMatchHeader },
  responses: { 204: { description: 'Removed.' } },
  errors: ['not_found', 'customer_merged', 'customer_erased', 'version_conflict'],
});

const notifyWishlistRoute = defineRoute({
  method: 'post',
  path: '/v1/customers/{id}/wishlist/{item_id}/notify',
  operationId: 'notifyWishlistItem',
  tags: ['Wishlist'],
  summary: 'Tell the customer a wished-for piece is in store',
  description:
    'Queues one email through the communications outbox (kind `wishlist_available`, from the tenant’s `wishlist_available` template: `PATCH /v1/tenant { message_templates }`) in this request’s transaction, stamps `notified_at` and answers 202 with the item and the queued message. Refused with nothing queued, exactly as `POST …/emails` is: no address (409 `customer_has_no_email`), email consent withdrawn (409 `email_consent_withdrawn`), another channel preferred (409 `communication_preference_not_email`). A customer already told answers 409 `wishlist_already_notified` (with `notified_at`) unless the body says `{ "force": true, "reason": "…" }`; the reason is kept in the audit (`wishlist.notified`). The body may be left out.',
  permission: 'send_email',
  id: CUSTOMER_ID_EXAMPLE,
  itemId: ITEM_ID_EXAMPLE,
  request: {
    body: {
      required: false,
      content: { 'application/json': { schema: NotifyWishlistItemBody } },
    },
  },
  responses: { 202: jsonResponse(WishlistNotification, 'The item and the queued message.') },
  errors: [
    'not_found',
    'wishlist_already_notified',
    'customer_has_no_email',
    'email_consent_withdrawn',
    'communication_preference_not_email',
    'customer_merged',
    'customer_erased',
    'customer_archived',
  ],
});

/** `GET/POST /v1/customers/{id}/wishlist`, `PATCH/DELETE …/{item_id}`, `POST …/{item_id}/notify`. */
export function wishlistRoutes() {
  return createRouter()
    .openapi(listWishlistRoute, async (c) => {
      const principal = c.get('principal');
      const { db } = c.get('services');
      const id = await survivingCustomerId(db, principal, c.req.valid('param').id);
      if (!id) throw notFound('Customer');
      return c.json(await listWishlist(db, principal.tenant.id, id, c.req.valid('query')), 200);
    })
    .openapi(addWishlistRoute, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const currency = principal.tenant.currency;
      if (body.retail_price.currency !== currency) {
        throw invalidField('retail_price.currency', `must be ${currency}, the tenant's currency`);
      }
      const { db, ids, clock } = c.get('services');
      const item = await db.transaction((tx) =>
        addWishlistItem(tx, ids, principal, id, body, clock.now()),
      );
      c.set('subjectCustomerId', id);
      c.header('ETag', versionEtag(item.version));
      return c.json(item, 201);
    })
    .openapi(updateWishlistRoute, async (c) => {
      const principal = c.get('principal');
      const { id, item_id: itemId } = c.req.valid('param');
      const expected = parseIfMatch(c.req.header('if-match'));
      const { db, ids, clock } = c.get('services');
      const item = await db.transaction((tx) =>
        updateWishlistItem(
          tx,
          ids,
          principal,
          id,
          itemId,
          c.req.valid('json'),
          expected,
          clock.now(),
        ),
      );
      c.header('ETag', versionEtag(item.version));
      return c.json(item, 200);
    })
    .openapi(removeWishlistRoute, async (c) => {
      const principal = c.get('principal');
      const { id, item_id: itemId } = c.req.valid('param');
      const expected = parseIfMatch(c.req.header('if-match'));
      const { db, ids, clock } = c.get('services');
      await db.transaction((tx) =>
        removeWishlistItem(tx, ids, principal, id, itemId, expected, clock.now()),
      );
      return c.body(null, 204);
    })
    .openapi(notifyWishlistRoute, async (c) => {
      const principal = c.get('principal');
      const { id, item_id: itemId } = c.req.valid('param');
      const services = c.get('services');
      const { db, ids, clock } = services;
      // The body is optional: a first notification needs none.
      const body = (c.req.valid('json') as NotifyBody | undefined) ?? {};
      const result = await db.transaction((tx) =>
        notifyWishlistItem(tx, ids, principal, id, itemId, body, clock.now()),
      );
      services.workers.wake(OUTBOX_WORKER);
      c.set('subjectCustomerId', id);
      return c.json(result, 202);
    });
}
