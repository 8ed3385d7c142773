/** One page of a cursor-paginated list, as the API returns it. */
export interface Page<T> {
  data: T[];
  /** Pass as `cursor` to get the next page; `null` on the last page. */
  next_cursor: string | null;
}

/** The most items {@link PagePromise.toArray} collects: beyond that, iterate instead. */
export const MAX_TO_ARRAY_LIMIT = 10_000;

/**
 * The result of a `list`-style method: await it for one page, or `for await` it to walk
 * every item across all pages, fetching each page only when the previous one is used up.
 * Nothing is sent until it is awaited or iterated. `toArray({ limit })` collects items into
 * an array, up to a limit you must give.
 *
 * @example
 * ```ts
 * const page = await loupe.customers.list({ limit: 50 });
 * for await (const customer of loupe.customers.list({ q: 'chen' })) console.log(customer.id);
 * const vips = await loupe.customers.list({ is_vip: true }).toArray({ limit: 500 });
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

  /**
   * Collects items across pages, in the list's order, and stops fetching once it has
   * `limit` of them. The limit is required (at most 10,000) so a list that grows can't quietly
   * load a whole tenant into memory; to go through more, iterate with `for await`.
   *
   * @example
   * ```ts
   * const entries = await loupe.customers.history('cus_01J…').toArray({ limit: 200 });
   * ```
   */
  async toArray(options: { limit: number }): Promise<T[]> {
    // Read defensively: a JavaScript caller may pass nothing at all.
    const limit = (options as { limit?: unknown } | undefined)?.limit;
    if (
      !(
        typeof limit === 'number' &&
        Number.isInteger(limit) &&
        limit > 0 &&
        limit <= MAX_TO_ARRAY_LIMIT
      )
    ) {
      throw new RangeError(
        `toArray needs a limit, a whole number from 1 to ${MAX_TO_ARRAY_LIMIT}, got ${String(limit)}; ` +
          'to go through more items, iterate with for await',
      );
    }
    const items: T[] = [];
    for await (const item of this) {
      items.push(item);
      if (items.length === limit) break;
    }
    return items;
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
