/** Test helpers for reading what an element rendered inside its shadow root. */

/** The first element in `host`'s shadow root with `part` among its parts. */
export function part<T extends Element = HTMLElement>(host: Element, name: string): T | null {
  return host.shadowRoot?.querySelector<T>(`[part~="${name}"]`) ?? null;
}

/** Every element in `host`'s shadow root with `part` among its parts. */
export function parts<T extends Element = HTMLElement>(host: Element, name: string): T[] {
  return Array.from(host.shadowRoot?.querySelectorAll<T>(`[part~="${name}"]`) ?? []);
}

/** Text with whitespace collapsed, as a person would read it. */
export function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Waits until `predicate` holds, polling each animation frame, for what no promise announces
 * (a lazily loaded form opening, a submission's outcome). Loads have `el.loadComplete`. Gives up
 * well inside mocha's 2-second timeout so a failure names what it waited for.
 */
export async function until(
  predicate: () => unknown,
  message: string,
  timeout = 1000,
): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting: ${message}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}
