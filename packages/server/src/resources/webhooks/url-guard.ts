/**
 * Keeps webhook deliveries off the server's own network (SSRF): an endpoint may not point at
 * loopback, link-local, private, carrier-grade NAT, multicast or otherwise reserved
 * addresses, IPv4 or IPv6 (IPv4-mapped IPv6 included), unless the operator allows it
 * (`LOUPE_WEBHOOKS_ALLOW_PRIVATE=1`, for development and tests). Checked on the URL at
 * registration, and on every address a name resolves to at each delivery, on the connection
 * itself, so a name re-pointed after registration (DNS rebinding) is refused too.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Why a URL can't be an endpoint, or null when it can. */
export function endpointUrlProblem(url: string, allowPrivate: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute URL, e.g. https://pos.example.com/loupe/webhooks';
  }
  if (parsed.protocol !== 'https:' && !(allowPrivate && parsed.protocol === 'http:')) {
    return allowPrivate ? 'must be an http:// or https:// URL' : 'must be an https:// URL';
  }
  if (parsed.username || parsed.password) return 'must not carry a user name or password';
  if (allowPrivate) return null;
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return 'must not point at this machine (localhost)';
  }
  if (ipaddr.isValid(host) && !isPublicAddress(host)) {
    return `must not point at a private, loopback or link-local address (${host})`;
  }
  return null;
}

/** True for a globally routable unicast address. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // `process` turns an IPv4-mapped IPv6 address (::ffff:10.0.0.1) into the IPv4 one.
  const parsed = ipaddr.process(address);
  return parsed.range() === 'unicast';
}

/** A delivery refused because the name resolved to an address it may not reach. */
export class PrivateAddressError extends Error {
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private, loopback or link-local address`);
    this.name = 'PrivateAddressError';
  }
}

/**
 * A `lookup` for `http.request` that resolves as usual and refuses the connection when any
 * address the name resolves to is not public.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  const all: LookupAllOptions = { ...options, all: true };
  dnsLookup(hostname, all, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) return callback(new PrivateAddressError(hostname, refused.address), '', 0);
    if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};
