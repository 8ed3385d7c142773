import { addMessages } from '../../messages.js';

/**
 * The Other systems card's strings; part of `LoupeMessages`. Apart from the form's other words
 * because the audit element loads those: only the form loads these.
 */
export interface SystemsMessages {
  /** A system's id field, e.g. `shopify` → `Shopify customer ID`. */
  systemId: (system: string) => string;
  externalIdTaken: string;
}

addMessages({
  systemId: (system) =>
    ({ pos: 'POS customer number', shopify: 'Shopify customer ID' })[system] ?? `${system} ID`,
  externalIdTaken: 'Another customer already has this ID.',
});
