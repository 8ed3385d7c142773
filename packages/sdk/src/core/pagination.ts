/** One page of a cursor-paginated list, as the API returns it. */
export interface Page<T> {
  data: T[];
  /** Pass as `cursor` to get the next page; `null` on the last page. */
  next_cursor: string | null;
}

/**
 * The result of a `list`-style method: await it for one page, or `for await` it to walk
 * every item across all pages, fetching each page only when the previous one is used up.
 * Nothing is sent until it is awaited or iterated.
 *
 * @example
 * ```ts
 * const page = await loupe.customers.list({ limit: 50 });
 * for await (const customer of loupe.customers.list({ q: 'chen' })) console.log(customer.id);
 * ```
 */
export class PagePromise<T, P extends Page<T> = Page<T>>
  implements PromiseLike<P>, AsyncIterable<T>
{
  readonly #fetchPage: (cursor: string | undefined) => Promise<P>;
  readonly #firstCursor: string | undefined;
  #firstPage: Promise<P> | undefined;
  /** Makes a PagePromise usable wherever a `Promise<Page>` is expected. */
  readonly [Symbol.toStringTag] = 'PagePromise';

  /**
   * @param fetchPage loads the page that starts at `cursor` (`undefined`: the first page).
   * @param firstCursor where the first page starts, when the caller gave a cursor.
   */
  constructor(fetchPage: (cursor: string | undefined) => Promise<P>, firstCursor?: string) {
    this.#fetchPage = fetchPage;
    this.#firstCursor = firstCursor;
  }

  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is awaitable by design.
  then<R1 = P, R2 = never>(
    onFulfilled?: ((page: P) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#first().then(onFulfilled, onRejected);
  }

  /** Same as `Promise.prototype.catch` on the first page. */
  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<P | R> {
    return this.#first().catch(onRejected);
  }

  /** Same as `Promise.prototype.finally` on the first page. */
  finally(onFinally?: (() => void) | null): Promise<P> {
    return this.#first().finally(onFinally);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page = await this.#first();
    for (;;) {
      yield* page.data;
      if (page.next_cursor === null || page.next_cursor === undefined) return;
      page = await this.#fetchPage(page.next_cursor);
    }
  }

  #first(): Promise<P> {
    this.#firstPage ??= this.#fetchPage(this.#firstCursor);
    return this.#firstPage;
  }
}
