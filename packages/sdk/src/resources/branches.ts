import type { RequestOptions } from '../core/config.js';
import { PagePromise } from '../core/pagination.js';
import type { Transport } from '../core/transport.js';
import type { Branch, BranchCreateParams, BranchList, BranchListParams } from '../types.js';

/** `loupe.branches`: the tenant's stores. */
export class Branches {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Lists the tenant's branches: await for a page, iterate for all.
   *
   * @example
   * ```ts
   * for await (const branch of loupe.branches.list()) console.log(branch.name);
   * ```
   */
  list(params?: BranchListParams, options?: RequestOptions): PagePromise<Branch, BranchList> {
    return new PagePromise<Branch, BranchList>(
      (cursor) =>
        this.#transport.request({
          method: 'GET',
          path: 'v1/branches',
          query: { ...params, cursor },
          options,
        }),
      params?.cursor,
    );
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
