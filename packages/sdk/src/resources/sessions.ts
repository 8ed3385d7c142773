import type { RequestOptions } from '../core/config.js';
import type { Transport } from '../core/transport.js';
import type { Session, SessionCreateParams } from '../types.js';

/** `loupe.sessions`: short-lived tokens for browsers, minted with a secret key. */
export class Sessions {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

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
    return this.#transport.request({ method: 'POST', path: 'v1/sessions', json: body, options });
  }
}
