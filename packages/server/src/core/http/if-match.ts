import { z } from '@hono/zod-openapi';
import { invalidField } from '../errors.js';

/** The `If-Match` request header of a PATCH: the version last read. */
export const IfMatchHeader = z.object({
  'if-match': z
    .string()
    .optional()
    .openapi({ description: 'The `version` you last read, e.g. `"3"`; a stale one answers 412.' }),
});

/**
 * Reads the version from an `If-Match` header. Accepts `"3"`, `W/"3"` and a bare `3` (what
 * people type by hand). Returns null when the header is absent; 422 when it isn't a version.
 */
export function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined) return null;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw invalidField('If-Match', 'must be the record version, e.g. "3"');
  return Number(match[1]);
}

/** The ETag for a record version, matching what `parseIfMatch` reads. */
export function versionEtag(version: number): string {
  return `"${version}"`;
}
