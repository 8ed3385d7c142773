import type { RequestOptions } from '../core/config.js';
import type { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import type {
  ApiKey,
  ApiKeyCreateParams,
  ApiKeyList,
  ApiKeyListParams,
  CreatedApiKey,
  RevokedApiKey,
} from '../types.js';

/** `loupe.keys`: the tenant's secret keys (needs `manage_keys`). */
export class Keys extends Resource {
  /**
   * Creates a secret key with a role, optionally limited to a branch. The key is returned
   * only this once; store it.
   *
   * @example
   * ```ts
   * const { key } = await loupe.keys.create({ role: 'staff', name: 'Front counter' });
   * ```
   */
  create(body: ApiKeyCreateParams, options?: RequestOptions): Promise<CreatedApiKey> {
    return this.POST('/v1/keys', { body }, options);
  }

  /**
   * Lists the tenant's keys (never their secrets): await for a page, iterate for all.
   *
   * @example
   * ```ts
   * for await (const key of loupe.keys.list()) console.log(key.id, key.role);
   * ```
   */
  list(params?: ApiKeyListParams, options?: RequestOptions): PagePromise<ApiKey, ApiKeyList> {
    return this.paginate('/v1/keys', { query: params }, options);
  }

  /**
   * Revokes a key; requests made with it then fail with `AuthenticationError`.
   *
   * @example
   * ```ts
   * await loupe.keys.revoke('key_01J…');
   * ```
   */
  revoke(id: string, options?: RequestOptions): Promise<RevokedApiKey> {
    return this.DELETE('/v1/keys/{id}', { path: { id } }, options);
  }
}
