import { ContextRoot } from '@lit/context';
import { expect } from '@open-wc/testing';
import '../components/customer-hero/customer-hero.js';
import { LoupeCustomerHero } from '../components/customer-hero/customer-hero.js';
import { VERSION } from '../version.js';
import { define } from './define.js';

/** Runs `body` with console warnings recorded instead of printed. */
async function warningsDuring(body: () => unknown): Promise<string[]> {
  const warnings: string[] = [];
  const originalWarn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(String(args[0]));
  try {
    await body();
  } finally {
    console.warn = originalWarn;
  }
  return warnings;
}

/** A class as another copy of Loupe, of `version`, would have registered it. */
function fromLoupe(version: string): CustomElementConstructor {
  return Object.assign(class extends HTMLElement {}, { [Symbol.for('loupe.version')]: version });
}

describe('define()', () => {
  it('registers a tag once; loading the same Loupe again changes nothing, silently', async () => {
    expect(customElements.get('loupe-customer-hero')).to.equal(LoupeCustomerHero);
    const warnings = await warningsDuring(() => {
      LoupeCustomerHero.define('loupe-customer-hero');
      define('loupe-customer-hero', fromLoupe(VERSION));
    });
    expect(customElements.get('loupe-customer-hero')).to.equal(LoupeCustomerHero);
    expect(warnings).to.deep.equal([]);
  });

  it('warns when another version of Loupe defined the tag first, and keeps that one', async () => {
    const older = fromLoupe('0.0.0-older');
    customElements.define('test-versioned', older);
    const warnings = await warningsDuring(() => define('test-versioned', fromLoupe(VERSION)));
    expect(customElements.get('test-versioned')).to.equal(older);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain(`Loupe ${VERSION} is loaded, but Loupe 0.0.0-older`);
  });

  it('attaches one context root to the page, whichever copy of Loupe comes first', async () => {
    expect(
      (document as unknown as Record<symbol, unknown>)[Symbol.for('loupe.context-root')],
    ).to.equal(true);
    const attach = ContextRoot.prototype.attach;
    let attached = 0;
    ContextRoot.prototype.attach = function (this: ContextRoot, element: HTMLElement) {
      attached++;
      attach.call(this, element);
    };
    try {
      define('test-second-copy', class extends HTMLElement {});
    } finally {
      ContextRoot.prototype.attach = attach;
    }
    expect(attached).to.equal(0);
  });

  it('knows its version: src/version.ts matches package.json', async () => {
    const pkg = await (await fetch('/packages/widgets/package.json')).json();
    expect(VERSION).to.equal(pkg.version);
  });
});
