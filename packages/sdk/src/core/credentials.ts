/**
 * Holds the bearer credential and refreshes a session token through `fetchToken`.
 * Refreshes are single-flight: when several requests hit 401 together (a page full of
 * widgets whose session expired), one token is minted and all of them replay with it.
 */
export class Credentials {
  #current: string | undefined;
  #pending: Promise<string> | undefined;
  readonly #fetchToken: (() => Promise<string>) | undefined;

  constructor(credential: string | undefined, fetchToken: (() => Promise<string>) | undefined) {
    this.#current = credential;
    this.#fetchToken = fetchToken;
  }

  /** Whether a 401 can be answered by minting a new token. */
  get canRefresh(): boolean {
    return this.#fetchToken !== undefined;
  }

  /** The credential to send now, minting the first token if none was given. */
  async current(): Promise<string | undefined> {
    if (this.#current === undefined && this.#fetchToken) return this.refresh(undefined);
    return this.#current;
  }

  /**
   * Replaces `stale` with a freshly minted token. If another request already replaced it,
   * returns that newer token instead of minting again.
   */
  async refresh(stale: string | undefined): Promise<string> {
    if (!this.#fetchToken) throw new Error('No fetchToken callback configured');
    if (this.#current !== undefined && this.#current !== stale) return this.#current;
    this.#pending ??= this.#fetchToken()
      .then((token) => {
        this.#current = token;
        return token;
      })
      .finally(() => {
        this.#pending = undefined;
      });
    return this.#pending;
  }
}
