import { ContextRoot } from '@lit/context';
import { VERSION } from '../version.js';

/** Set on `document` by whichever copy of Loupe attached the context root first. */
const CONTEXT_ROOT = Symbol.for('loupe.context-root');

/** Set on each class this package defines, so another copy can tell which version it is. */
const LOUPE_VERSION = Symbol.for('loupe.version');

type Tagged = CustomElementConstructor & { [LOUPE_VERSION]?: string };

/**
 * Registers `element` as `tag` once. Loading Loupe twice (a CDN script and a bundle, two apps
 * on one page) is harmless: the first definition stays, and a different version of Loupe is
 * reported in the console, because the page then runs the other version's code.
 *
 * Also attaches one `@lit/context` `ContextRoot` to the document, so an element upgraded before
 * its `<loupe-provider>` (script order, a tag manager, a theme editor) finds it once it arrives.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  attachContextRoot();
  (element as Tagged)[LOUPE_VERSION] = VERSION;
  const existing = customElements.get(tag) as Tagged | undefined;
  if (!existing) {
    customElements.define(tag, element);
    return;
  }
  const version = existing[LOUPE_VERSION];
  if (existing !== element && version !== VERSION) {
    console.warn(
      `<${tag}>: Loupe ${VERSION} is loaded, but ${version ? `Loupe ${version}` : 'other code'} already defined <${tag}>; the page uses that one. Load one copy of Loupe.`,
    );
  }
}

function attachContextRoot(): void {
  const doc = document as Document & { [CONTEXT_ROOT]?: true };
  if (doc[CONTEXT_ROOT]) return;
  doc[CONTEXT_ROOT] = true;
  new ContextRoot().attach(doc.documentElement);
}
