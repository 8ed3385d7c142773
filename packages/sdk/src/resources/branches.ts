import type { RequestOptions } from '../core/config.js';
import type { Transport } from '../core/transport.js';
import type { Branch, BranchCreateParams, BranchList } from '../types.js';

/** `loupe.branches`: the tenant's stores. */
export class Branches {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Lists the tenant's branches.
   *
   * @example
   * ```ts
   * const { data } = await loupe.branches.list();
   * ```
   */
  list(options?: RequestOptions): Promise<BranchList> {
    return this.#transport.request({ method: 'GET', path: 'v1/branches', options });
  }

  /**
   * Adds a branch.
   *
   * @example
   * ```ts
   * const branch = await loupe.branches.create({ name: 'Collins Street' });
   * ```
   */
  create(body: BranchCreateParams, options?: RequestOptions): Promise<Branch> {
    return this.#transport.request({ method: 'POST', path: 'v1/branches', json: body, options });
  }
}
