/**
 * Shopify's app proxy signature, exactly as Shopify documents it ("Authenticate app proxies"):
 * every query parameter but `signature`, each written `key=value` with a repeated key's values
 * joined by `,`, those strings sorted and concatenated with no separator, then HMAC-SHA256
 * keyed with the app's shared secret, in lower-case hex. Pure: no clock, no I/O.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A query string's parameters, each key once with its values in order (as Rack reads them). */
export type ProxyQuery = Map<string, string[]>;

/** Reads a raw query string (`a=1&b=2`, with or without `?`) the way Shopify's example does. */
export function readProxyQuery(search: string): ProxyQuery {
  const query: ProxyQuery = new Map();
  for (const [key, value] of new URLSearchParams(search)) {
    const values = query.get(key);
    if (values) values.push(value);
    else query.set(key, [value]);
  }
  return query;
}

/** The string Shopify signs: sorted `key=value` pairs, no separator, `signature` left out. */
export function signedMessage(query: ProxyQuery): string {
  const pairs: Buffer[] = [];
  for (const [key, values] of query) {
    if (key !== 'signature') pairs.push(Buffer.from(`${key}=${values.join(',')}`, 'utf8'));
  }
  // Sorted by bytes, as Ruby sorts strings in Shopify's example.
  return Buffer.concat(pairs.sort(Buffer.compare)).toString('utf8');
}

/** The lower-case hex signature of a query under `secret`. */
export function appProxySignature(secret: string | Buffer, query: ProxyQuery): string {
  return createHmac('sha256', secret).update(signedMessage(query)).digest('hex');
}

/** Whether the query's one `signature` matches, compared in constant time. */
export function signatureMatches(secret: string | Buffer, query: ProxyQuery): boolean {
  const given = query.get('signature');
  if (given?.length !== 1 || !/^[0-9a-f]{64}$/i.test(given[0]!)) return false;
  const expected = Buffer.from(appProxySignature(secret, query), 'hex');
  return timingSafeEqual(expected, Buffer.from(given[0]!, 'hex'));
}
