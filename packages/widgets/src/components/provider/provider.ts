import { LoupeProvider } from './provider.component.js';

export { LoupeProvider };

customElements.get('loupe-provider') || customElements.define('loupe-provider', LoupeProvider);

declare global {
  interface HTMLElementTagNameMap {
    'loupe-provider': LoupeProvider;
  }
}
