/**
 * What a document's bytes are, read from their first bytes (never from the file's name or the
 * type the client sent): the four kinds a shop keeps on file.
 */
export const DOCUMENT_CONTENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
] as const;
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));

/** The content type the bytes are, or null when they are none of the four. */
export function sniffContentType(bytes: Uint8Array): DocumentContentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  return null;
}

/** `POST /v1/customers/{id}/documents`: the one path whose body may exceed the usual limit. */
export const DOCUMENT_UPLOAD_PATH = /^\/v1\/customers\/[^/]+\/documents$/;
/** Room for the multipart boundaries and the other parts beside the file itself. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
