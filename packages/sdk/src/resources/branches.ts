import type { RequestOptions } from '../core/config.js';
import type { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import type { Branch, BranchCreateParams, BranchList, BranchListParams } from '../types.js';

/** `loupe.branches`: the tenant's stores. */
export class Branches extends Resource {
  /**
   * Lists the tenant's branches: await for a page, iterate for all.
   *
   * @example
   * ```ts
   * for await (const branch of loupe.branches.list()) console.log(branch.name);
   * ```
   */
  list(params?: BranchListParams, options?: RequestOptions): PagePromise<Branch, BranchList> {
    return this.paginate('/v1/branches', { query: params }, options);
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
    return this.POST('/v1/branches', { body }, options);
  }
}
