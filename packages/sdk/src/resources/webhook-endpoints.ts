import type { RequestOptions } from '../core/config.js';
import type { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import type {
  WebhookDelivery,
  WebhookDeliveryListParams,
  WebhookDeliveryPage,
  WebhookEndpoint,
  WebhookEndpointCreateParams,
  WebhookEndpointListParams,
  WebhookEndpointPage,
  WebhookEndpointUpdateParams,
  WebhookEndpointWithSecret,
  WebhookSecretRotateParams,
} from '../types.js';

/**
 * `loupe.webhookEndpoints`: where Loupe POSTs events (Standard Webhooks, signed, retried for a
 * day). Needs `manage_settings` on a secret key. Check each delivery with `verifyWebhook`.
 */
export class WebhookEndpoints extends Resource {
  /**
   * Registers an endpoint. The signing secret is in this answer only: store it.
   *
   * @example
   * ```ts
   * const { id, secret } = await loupe.webhookEndpoints.create({
   *   url: 'https://pos.example.com/loupe/webhooks',
   *   event_types: ['customer.created', 'customer.updated', 'sale.created'],
   * });
   * ```
   */
  create(
    body: WebhookEndpointCreateParams,
    options?: RequestOptions,
  ): Promise<WebhookEndpointWithSecret> {
    return this.POST('/v1/webhook-endpoints', { body }, options);
  }

  /**
   * The tenant's endpoints, oldest first (never their secrets): await for a page, iterate for all.
   *
   * @example
   * ```ts
   * for await (const endpoint of loupe.webhookEndpoints.list()) console.log(endpoint.url, endpoint.enabled);
   * ```
   */
  list(
    params?: WebhookEndpointListParams,
    options?: RequestOptions,
  ): PagePromise<WebhookEndpoint, WebhookEndpointPage> {
    return this.paginate('/v1/webhook-endpoints', { query: params }, options);
  }

  /** One endpoint; `disabled_reason` says why the server turned it off, if it did. */
  retrieve(id: string, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.GET('/v1/webhook-endpoints/{id}', { path: { id } }, options);
  }

  /**
   * Changes the URL, event types or description, or turns the endpoint off and on (turning it
   * on clears `disabled_reason`; waiting deliveries resume).
   *
   * @example
   * ```ts
   * await loupe.webhookEndpoints.update('whe_01J…', { enabled: true });
   * ```
   */
  update(
    id: string,
    body: WebhookEndpointUpdateParams,
    options?: RequestOptions,
  ): Promise<WebhookEndpoint> {
    return this.PATCH('/v1/webhook-endpoints/{id}', { path: { id }, body }, options);
  }

  /** Deletes the endpoint and its delivery log; deliveries not yet made are dropped. */
  delete(id: string, options?: RequestOptions): Promise<void> {
    return this.DELETE('/v1/webhook-endpoints/{id}', { path: { id } }, options);
  }

  /**
   * A new signing secret, in this answer only. Deliveries are signed with the old one too for
   * `keep_previous_for_seconds` (a day by default), so the receiver can switch without a gap.
   *
   * @example
   * ```ts
   * const { secret } = await loupe.webhookEndpoints.rotateSecret('whe_01J…');
   * ```
   */
  rotateSecret(
    id: string,
    body: WebhookSecretRotateParams = {},
    options?: RequestOptions,
  ): Promise<WebhookEndpointWithSecret> {
    return this.POST('/v1/webhook-endpoints/{id}/rotate-secret', { path: { id }, body }, options);
  }

  /**
   * The endpoint's delivery log, newest first: each event's status, attempts with the
   * receiver's status codes, and when the next attempt is due.
   *
   * @example
   * ```ts
   * const { data } = await loupe.webhookEndpoints.deliveries('whe_01J…', { limit: 10 });
   * ```
   */
  deliveries(
    id: string,
    params?: WebhookDeliveryListParams,
    options?: RequestOptions,
  ): PagePromise<WebhookDelivery, WebhookDeliveryPage> {
    return this.paginate(
      '/v1/webhook-endpoints/{id}/deliveries',
      { path: { id }, query: params },
      options,
    );
  }
}
