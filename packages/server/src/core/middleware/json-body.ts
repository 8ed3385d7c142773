import type { MiddlewareHandler } from 'hono';
import { ApiError, invalidField } from '../errors.js';
import type { AppEnv } from '../hono-env.js';

/** The media types Hono's validator reads as JSON. */
const JSON_MEDIA_TYPE = /^application\/([a-z-.]+\+)?json\s*(;|$)/i;

/**
 * NUL, which PostgreSQL can't store in text, and a UTF-16 surrogate without its partner (with
 * the `u` flag a pair is one code point, so only a lone half matches), which can't be encoded
 * as UTF-8 at all: a driver would turn it into U+FFFD, a jsonb column refuse it.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding U+0000 is the point.
export const UNSTORABLE = /\u0000|\p{Surrogate}/u;

/**
 * Reads a JSON request body once, before any route does: a body that doesn't parse is a 400
 * `invalid_json` (nothing in it could be read), and a string or key holding text that can't be
 * stored is a 422 naming the field, before anything is written. Routes then read the parsed
 * body from Hono's cache. Runs after authentication, so an anonymous caller's body is never
 * read.
 */
export function readJsonBody(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!JSON_MEDIA_TYPE.test(c.req.header('content-type') ?? '')) return next();
    const text = await c.req.text();
    // No body at all is for the route to judge (most operations without one ignore it).
    if (text.trim() === '') return next();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      const position = /position (\d+)/.exec(String(error))?.[1];
      throw new ApiError(
        'invalid_json',
        `The request body is not valid JSON${position ? ` (at character ${position})` : ''}.`,
      );
    }
    const bad = findUnstorableText(body);
    if (bad) {
      throw invalidField(
        bad.path,
        bad.inKey
          ? 'has a key with a NUL character (U+0000) or a lone UTF-16 surrogate'
          : 'may not contain a NUL character (U+0000) or a lone UTF-16 surrogate (U+D800 to U+DFFF without its pair)',
      );
    }
    await next();
  };
}

/** One value met in the walk, linked to its parent so a path is built only when needed. */
interface Visit {
  value: unknown;
  key: string | null;
  parent: Visit | null;
}

/**
 * The dotted path (`address.line1`, `tags.1`) of the first string, or object key, holding
 * unstorable text; null when there is none. Walks with its own stack (a deeply nested body
 * must not overflow the call stack) and links to parents (no path copied per level).
 */
export function findUnstorableText(value: unknown): { path: string; inKey: boolean } | null {
  const stack: Visit[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const current = visit.value;
    if (typeof current === 'string') {
      if (UNSTORABLE.test(current)) return { path: pathOf(visit), inKey: false };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        stack.push({ value: current[i], key: String(i), parent: visit });
      }
    } else if (current !== null && typeof current === 'object') {
      const keys = Object.keys(current);
      if (keys.some((key) => UNSTORABLE.test(key))) return { path: pathOf(visit), inKey: true };
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        stack.push({ value: (current as Record<string, unknown>)[key], key, parent: visit });
      }
    }
  }
  return null;
}

function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let v: Visit | null = visit; v?.key != null; v = v.parent) keys.push(v.key);
  return keys.reverse().join('.');
}
