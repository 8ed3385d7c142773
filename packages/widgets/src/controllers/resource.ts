import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where a resource is in its life. `idle` means it has nothing to load yet. */
export type ResourceStatus = 'idle' | 'loading' | 'ready' | 'empty' | 'error';

/** How a `ResourceController` finds and fetches its data. */
export interface ResourceOptions<T, A extends readonly unknown[]> {
  /**
   * The inputs the data depends on, read before every render; `undefined` while some are
   * missing (no id, no client yet). A change aborts the request in flight and loads again.
   */
  args: () => A | undefined;
  /** Fetches the data; must pass `signal` on to every request. */
  load: (args: A, signal: AbortSignal) => Promise<T>;
  /** Whether a loaded value counts as empty (shown with the empty state). */
  isEmpty?: (value: T) => boolean;
}

/** What to render in each state; `render()` picks one. */
export interface ResourceRenderers<T, R> {
  idle?: () => R;
  loading: () => R;
  ready: (value: T) => R;
  empty?: (value: T) => R;
  error: (error: unknown, retry: () => void) => R;
}

/**
 * Loads one piece of remote data for an element: tracks loading, ready, empty and error,
 * aborts the request in flight when its inputs change or the element disconnects, and
 * drops answers that arrive for inputs no longer current.
 *
 * @example
 * private customer = new ResourceController(this, {
 *   args: () => (this.client && this.customerId ? [this.client, this.customerId] : undefined),
 *   load: ([client, id], signal) => client.customers.retrieve(id, { signal }),
 * });
 */
export class ResourceController<T, A extends readonly unknown[] = readonly unknown[]>
  implements ReactiveController
{
  status: ResourceStatus = 'idle';
  value: T | undefined;
  error: unknown;

  private currentArgs: A | undefined;
  private inFlight: AbortController | undefined;
  private pending: { promise: Promise<ResourceStatus>; settle: () => void } | undefined;

  /**
   * Settles with the status once the load in flight, or the one that replaced it, has
   * finished (`ready`, `empty` or `error`) or was dropped (`idle`); at once when nothing is
   * loading. Never rejects: a failed load is the `error` status. Like `@lit/task`'s
   * `taskComplete`; the host's next render shows the outcome.
   */
  get complete(): Promise<ResourceStatus> {
    return this.pending?.promise ?? Promise.resolve(this.status);
  }

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ResourceOptions<T, A>,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const args = this.options.args();
    if (sameArgs(args, this.currentArgs)) return;
    this.currentArgs = args;
    if (args) void this.run(args);
    else this.reset();
  }

  hostConnected(): void {
    // A re-attached element (moved in the DOM) lost its inputs on disconnect: load again.
    if (!this.currentArgs) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.inFlight?.abort();
    this.inFlight = undefined;
    // Forget the inputs so a reconnected element loads afresh.
    this.currentArgs = undefined;
    if (this.status === 'loading') this.status = 'idle';
    this.settle();
  }

  /** Loads again with the current inputs (the retry button, a refresh after a change). */
  reload(): void {
    if (this.currentArgs) void this.run(this.currentArgs);
  }

  /** Renders the function for the current state. */
  render<R>(renderers: ResourceRenderers<T, R>): R {
    switch (this.status) {
      case 'idle':
        return (renderers.idle ?? renderers.loading)();
      case 'loading':
        return renderers.loading();
      case 'error':
        return renderers.error(this.error, () => this.reload());
      case 'empty':
        return (renderers.empty ?? renderers.ready)(this.value as T);
      case 'ready':
        return renderers.ready(this.value as T);
    }
  }

  private reset(): void {
    this.inFlight?.abort();
    this.inFlight = undefined;
    this.status = 'idle';
    this.value = undefined;
    this.error = undefined;
    this.settle();
  }

  private settle(): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.settle();
  }

  private async run(args: A): Promise<void> {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    this.status = 'loading';
    this.error = undefined;
    if (!this.pending) {
      let settle!: () => void;
      const promise = new Promise<ResourceStatus>((resolve) => {
        settle = () => resolve(this.status);
      });
      this.pending = { promise, settle };
    }
    this.host.requestUpdate();
    try {
      const value = await this.options.load(args, controller.signal);
      if (controller.signal.aborted) return;
      this.value = value;
      this.status = this.options.isEmpty?.(value) ? 'empty' : 'ready';
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = error;
      this.status = 'error';
    }
    this.inFlight = undefined;
    this.host.requestUpdate();
    this.settle();
  }
}

function sameArgs(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((value, i) => Object.is(value, b[i]));
}
