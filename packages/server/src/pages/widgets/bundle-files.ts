import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlib } from 'node:zlib';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** The content codings served, best first. */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** One representation of a file: its bytes and the strong ETag that names exactly them. */
export interface Representation {
  /** Copied once into its own ArrayBuffer: a response body type both Node's and the DOM's types accept. */
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

/** A bundle file, read once, hashed once and compressed once per build of it. */
export interface BundleFile {
  contentType: string;
  cacheControl: string;
  identity: Representation;
  /** Absent when the coding would not make the file smaller. */
  encoded: Partial<Record<Encoding, Representation>>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** esbuild names shared chunks `chunks/[name]-[hash]`: the name changes whenever the bytes do. */
const CONTENT_HASHED = /-[A-Z0-9]{8,}\.(?:m?js|css)(?:\.map)?$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Entry files keep their tag-named URL across releases: caches revalidate before each use. */
export const REVALIDATE = 'no-cache';

/**
 * The files of one folder, prepared on first request and kept until the file on disk changes
 * (size or mtime), so a rebuild during development is picked up without a restart and a
 * request never compresses anything that was compressed before.
 */
export class BundleFiles {
  readonly #root: string;
  readonly #cache = new Map<string, { version: string; file: Promise<BundleFile> }>();

  constructor(root: string) {
    this.#root = resolve(root);
  }

  /**
   * The file at `urlPath` (the raw, still percent-encoded path below the folder), or null
   * when it is outside the folder, hidden, of a type the bundle doesn't hold, or not a file.
   */
  async get(urlPath: string): Promise<BundleFile | null> {
    const absolute = this.#resolve(urlPath);
    if (!absolute) return null;
    const contentType = CONTENT_TYPES[extname(absolute)];
    if (!contentType) return null;
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(absolute);
    } catch {
      return null;
    }
    if (!info.isFile()) return null;

    const version = `${info.size}:${info.mtimeMs}`;
    const cached = this.#cache.get(absolute);
    if (cached?.version === version) return cached.file;
    const file = prepare(absolute, contentType);
    this.#cache.set(absolute, { version, file });
    // A failed read (file removed meanwhile) is retried on the next request, not cached.
    file.catch(() => this.#cache.delete(absolute));
    return file.catch(() => null);
  }

  /** Each segment decoded on its own, so `%2F` and `..` can never climb out of the folder. */
  #resolve(urlPath: string): string | null {
    const segments: string[] = [];
    for (const raw of urlPath.split('/')) {
      let segment: string;
      try {
        segment = decodeURIComponent(raw);
      } catch {
        return null;
      }
      // Empty, dot (`.`, `..`, dotfiles), separators and NUL are never part of a bundle path.
      if (segment === '' || segment.startsWith('.') || /[/\\\0]/.test(segment)) return null;
      segments.push(segment);
    }
    if (segments.length === 0) return null;
    const absolute = join(this.#root, ...segments);
    return absolute.startsWith(this.#root + sep) ? absolute : null;
  }
}

async function prepare(path: string, contentType: string): Promise<BundleFile> {
  const body = await readFile(path);
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  const [br, gz] = await Promise.all([
    brotliAsync(body, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
        [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
        [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzipAsync(body, { level: zlib.Z_BEST_COMPRESSION }),
  ]);
  const encoded: BundleFile['encoded'] = {};
  // Each coding is its own representation, so it gets its own strong ETag.
  if (br.length < body.length) encoded.br = { body: new Uint8Array(br), etag: `"${hash}-br"` };
  if (gz.length < body.length) encoded.gzip = { body: new Uint8Array(gz), etag: `"${hash}-gz"` };
  return {
    contentType,
    cacheControl: CONTENT_HASHED.test(path) ? IMMUTABLE : REVALIDATE,
    identity: { body: new Uint8Array(body), etag: `"${hash}"` },
    encoded,
  };
}

/**
 * The coding to send for an `Accept-Encoding` header: the first of `ENCODINGS` the client
 * accepts with a non-zero q (explicitly or through `*`), else none.
 */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  for (const encoding of ENCODINGS) {
    const weight = q.get(encoding) ?? q.get('*') ?? 0;
    if (weight > 0) return encoding;
  }
  return null;
}

/** Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 says for this header). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .includes(etag);
}
