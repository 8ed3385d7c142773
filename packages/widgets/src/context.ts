import { createContext } from '@lit/context';
import type { LoupeClientLike } from './client.js';

/**
 * Link templates by kind, e.g. `{ sale: '/sales/{id}', customer: '/customers/{id}' }`.
 * `{id}` is replaced with the record's id (URL-encoded).
 */
export type LinkTemplates = Readonly<Record<string, string>>;

// Keys come from Symbol.for so two copies of the bundle on one page still find each other.

/** The Loupe client `<loupe-provider>` shares with the elements inside it. */
export const clientContext = createContext<LoupeClientLike | undefined>(Symbol.for('loupe-client'));

/** A BCP 47 locale for numbers and dates, e.g. `en-AU`. */
export const localeContext = createContext<string | undefined>(Symbol.for('loupe-locale'));

/** The tenant's ISO 4217 currency, used where no amount carries one (the adjust form). */
export const currencyContext = createContext<string | undefined>(Symbol.for('loupe-currency'));

/** Where records lead in the host application. */
export const linksContext = createContext<LinkTemplates | undefined>(Symbol.for('loupe-links'));
