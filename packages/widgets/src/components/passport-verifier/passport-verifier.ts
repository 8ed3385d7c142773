import { LoupePassportVerifier } from './passport-verifier.component.js';

export { LoupePassportVerifier };

LoupePassportVerifier.define('loupe-passport-verifier');

declare global {
  interface HTMLElementTagNameMap {
    'loupe-passport-verifier': LoupePassportVerifier;
  }
}
