import type { RequestOptions } from './config.js';
import type { Answer, Item, Operation, PathsWith, RequestInit } from './operation-types.js';
import { type Page, PagePromise } from './pagination.js';
import type { Transport } from './transport.js';

/** The `get` paths of the document whose answer is a cursor page (`data` and `next_cursor`). */
export type PagedPath = {
  [P in PathsWith<'get'>]: Answer<Operation<P, 'get'>> extends Page<unknown> ? P : never;
}[PathsWith<'get'>];

/** The page type a paged path answers. */
type PageAt<P extends PagedPath> = Answer<Operation<P, 'get'>> &
  Page<Item<Answer<Operation<P, 'get'>>>>;

/**
 * Base of every resource namespace (`loupe.customers`, `loupe.keys`, …). A resource method is
 * one line that names an operation of the API document; the calls below are typed by it, so a
 * path or method the document doesn't have, a missing path parameter or a wrong body fails to
 * compile, and the answer's type is the operation's response. Credentials, idempotency keys,
 * retries and errors are the transport's. See docs/decisions/0006-sdk-resource-base.md.
 *
 * @example
 * ```ts
 * export class Branches extends Resource {
 *   list(query?: BranchListParams, options?: RequestOptions): PagePromise<Branch, BranchList> {
 *     return this.paginate('/v1/branches', { query }, options);
 *   }
 *   create(body: BranchCreateParams, options?: RequestOptions): Promise<Branch> {
 *     return this.POST('/v1/branches', { body }, options);
 *   }
 * }
 * ```
 */
export abstract class Resource {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  protected GET<P extends PathsWith<'get'>>(
    path: P,
    init: RequestInit<Operation<P, 'get'>>,
    options?: RequestOptions,
  ): Promise<Answer<Operation<P, 'get'>>> {
    return this.#transport.request('get', path, init, options);
  }

  protected POST<P extends PathsWith<'post'>>(
    path: P,
    init: RequestInit<Operation<P, 'post'>>,
    options?: RequestOptions,
  ): Promise<Answer<Operation<P, 'post'>>> {
    return this.#transport.request('post', path, init, options);
  }

  protected PATCH<P extends PathsWith<'patch'>>(
    path: P,
    init: RequestInit<Operation<P, 'patch'>>,
    options?: RequestOptions,
  ): Promise<Answer<Operation<P, 'patch'>>> {
    return this.#transport.request('patch', path, init, options);
  }

  protected DELETE<P extends PathsWith<'delete'>>(
    path: P,
    init: RequestInit<Operation<P, 'delete'>>,
    options?: RequestOptions,
  ): Promise<Answer<Operation<P, 'delete'>>> {
    return this.#transport.request('delete', path, init, options);
  }

  /**
   * A cursor-paged `get`: await the result for one page, iterate it for every item, or
   * `toArray({ limit })`. Starts at `init.query.cursor` when given; each further page repeats
   * the same path, filters and options with the previous page's `next_cursor`.
   */
  protected paginate<P extends PagedPath>(
    path: P,
    init: RequestInit<Operation<P, 'get'>>,
    options?: RequestOptions,
  ): PagePromise<Item<PageAt<P>>, PageAt<P>> {
    const { query } = init as { query?: { cursor?: string } };
    return new PagePromise(
      (cursor) =>
        this.#transport.request(
          'get',
          path,
          { ...init, query: { ...query, cursor } },
          options,
        ) as Promise<PageAt<P>>,
      query?.cursor,
    );
  }
}
