import { define } from '../../internal/define.js';
import { LoupeProvider } from './provider.component.js';

export { LoupeProvider };

define('loupe-provider', LoupeProvider);

declare global {
  interface HTMLElementTagNameMap {
    'loupe-provider': LoupeProvider;
  }
}
