import type { RequestOptions } from './config.js';
import type {
  Answer,
  Item,
  Method,
  Operation,
  OperationInit,
  PathsWith,
} from './operation-types.js';
import { type Page, PagePromise } from './pagination.js';
import type { Transport } from './transport.js';

/** The `get` paths of the document whose answer is a cursor page (`data` and `next_cursor`). */
export type PagedPath = {
  [P in PathsWith<'get'>]: Answer<Operation<P, 'get'>> extends Page<unknown> ? P : never;
}[PathsWith<'get'>];

/**
 * Sends operation `M path`: `init` carries that operation's path parameters, query and body,
 * and the promise resolves to its response body.
 */
export type Verb<M extends Method> = <P extends PathsWith<M>>(
  path: P,
  init: OperationInit<Operation<P, M>>,
  options?: RequestOptions,
) => Promise<Answer<Operation<P, M>>>;

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

  /** One typed caller per method; the transport is read when a call is made. */
  #verb<M extends Method>(method: M): Verb<M> {
    return (path, init, options) => this.#transport.request(method, path, init, options);
  }

  /** `GET path`: typed by the document (see the class comment). */
  protected readonly GET = this.#verb('get');
  /** `POST path`, with an automatic `Idempotency-Key` kept across retries. */
  protected readonly POST = this.#verb('post');
  /** `PATCH path`. */
  protected readonly PATCH = this.#verb('patch');
  /** `DELETE path`. */
  protected readonly DELETE = this.#verb('delete');

  /**
   * A cursor-paged `get`: await the result for one page, iterate it for every item, or
   * `toArray({ limit })`. Starts at `init.query.cursor` when given; each further page repeats
   * the same path, filters and options with the previous page's `next_cursor`.
   */
  protected paginate<P extends PagedPath>(
    path: P,
    init: OperationInit<Operation<P, 'get'>>,
    options?: RequestOptions,
  ): PagePromise<Item<PageAt<P>>, PageAt<P>> {
    const { query } = init as { query?: { cursor?: string } };
    return new PagePromise(
      (cursor) =>
        this.GET(path, { ...init, query: { ...query, cursor } }, options) as Promise<PageAt<P>>,
      query?.cursor,
    );
  }
}
