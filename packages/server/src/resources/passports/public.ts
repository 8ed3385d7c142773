import { createHash } from 'node:crypto';
import type { Queryable } from '../../core/db/types.js';
import { ApiError } from '../../core/errors.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonResponse } from '../../core/http/schemas.js';
import { PASSPORT_CODE_LENGTH, parsePassportCode } from './code.js';
import { PublicPassport } from './schemas.js';
import { readPublicPassport } from './store.js';

/**
 * Looked up in place of anything that isn't a well-formed code, so a malformed code costs the
 * same statement as an unknown one. `!` is in no code, so it never matches.
 */
const NEVER_A_CODE = '!'.repeat(PASSPORT_CODE_LENGTH);

/** The one answer for an unknown and a malformed code alike. */
export const PASSPORT_NOT_FOUND_DETAIL =
  'No passport has this code. Check it against the certificate, or ask the jeweller who issued it.';

/**
 * The public view of whatever was typed, or null: a malformed code, a failed check symbol and
 * an unknown code all run the same prepared lookup and all come back null.
 */
export async function verifyPassportCode(db: Queryable, typed: string) {
  const parsed = parsePassportCode(typed);
  return readPublicPassport(db, parsed.ok ? parsed.code : NEVER_A_CODE);
}

/** A strong ETag of the answer's bytes: any change (a stolen report above all) changes it. */
export function bodyEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

const verifyPassport = defineRoute({
  method: 'get',
  path: '/v1/public/passports/{code}',
  operationId: 'verifyPassport',
  tags: ['Passports'],
  summary: 'Verify a passport (public)',
  description:
    'What anyone holding the piece may know: the piece, its status, the issuing jeweller’s name and how many times (and when last) it changed hands; never an email, a name or anything else about a person. Accepts the code as people type it (any case, spaces or dashes, O for 0, I or L for 1). An unknown code and a malformed one get the same 404, by the same work. Answers carry `Cache-Control: no-cache` and an ETag: caches must revalidate every time, so a stolen report shows at once (a matching `If-None-Match` answers 304). Rate limited per client address (`LOUPE_PUBLIC_RATE_LIMIT_PER_MINUTE`, default 60), whatever credential is sent, with `Retry-After` on the 429. Needs no credential; a publishable key is accepted.',
  credential: 'none',
  id: 'K7M-2QX-9HD-F4W-RT8-CPN-3BT',
  idName: 'code',
  responses: {
    200: jsonResponse(PublicPassport, 'The passport’s public view.'),
    304: { description: 'Unchanged since the ETag sent in `If-None-Match`.' },
  },
  errors: ['not_found'],
});

/** `GET /v1/public/passports/{code}`. */
export function publicPassportRoutes() {
  return createRouter().openapi(verifyPassport, async (c) => {
    const found = await verifyPassportCode(c.get('services').db, c.req.valid('param').code);
    if (!found) {
      throw new ApiError('not_found', PASSPORT_NOT_FOUND_DETAIL, {
        headers: { 'Cache-Control': 'no-store' },
      });
    }
    const body = JSON.stringify(found);
    const etag = bodyEtag(body);
    const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
    const sent = c.req.header('if-none-match');
    if (sent?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      return c.body(null, 304, headers);
    }
    return c.body(body, 200, { ...headers, 'Content-Type': 'application/json' });
  });
}
