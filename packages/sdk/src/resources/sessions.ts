import type { RequestOptions } from '../core/config.js';
import { Resource } from '../core/resource.js';
import type { Session, SessionCreateParams } from '../types.js';

/** `loupe.sessions`: short-lived tokens for browsers, minted with a secret key. */
export class Sessions extends Resource {
  /**
   * Mints a session token: a staff session for a POS front end, or a read-only customer
   * session for a storefront widget. Call this on your server; hand only the token to the page.
   *
   * @example
   * ```ts
   * const { token, expires_at } = await loupe.sessions.create({ type: 'staff', staff_name: 'Ava', role: 'staff' });
   * ```
   */
  create(body: SessionCreateParams, options?: RequestOptions): Promise<Session> {
    return this.POST('/v1/sessions', { body }, options);
  }
}
