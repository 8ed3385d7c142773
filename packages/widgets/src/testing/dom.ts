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

/** Waits until `predicate` holds, polling each animation frame (fails after `timeout` ms). */
export async function until(
  predicate: () => unknown,
  message: string,
  timeout = 2000,
): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting: ${message}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}
