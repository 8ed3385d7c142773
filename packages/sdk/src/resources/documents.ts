import type { RequestOptions } from '../core/config.js';
import type { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import type {
  CustomerDocument,
  CustomerDocumentPage,
  CustomerDocumentWithLink,
  DocumentListParams,
  DocumentUploadParams,
} from '../types.js';

/**
 * What `documents.upload` accepts: a `File` or `Blob` (browsers), a `Buffer`, `Uint8Array`
 * or `ArrayBuffer`, or a stream of bytes (a Node `Readable` such as `fs.createReadStream`, or a
 * web `ReadableStream`), read to the end before sending.
 */
export type DocumentSource =
  | Blob
  | Uint8Array
  | ArrayBuffer
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>;

/**
 * `loupe.documents`: private files on a customer (ID copies, receipts, valuations). The
 * server keeps JPEG, PNG and WebP images and PDFs, recognised by their content, encrypted at
 * rest; the bytes come back only through a short-lived signed link.
 */
export class Documents extends Resource {
  /**
   * Uploads a file to a customer as `multipart/form-data`. The server checks what the bytes
   * are (not the name): anything but an image or a PDF, or a file over its size limit, fails
   * with a `ValidationError` on `file`. Retrying is safe: the same idempotency key goes with
   * every attempt.
   *
   * @example
   * ```ts
   * // In a browser, from <input type="file">:
   * await loupe.documents.upload(customerId, input.files[0], { kind: 'id_document' });
   * // In Node:
   * await loupe.documents.upload(customerId, createReadStream('valuation.pdf'), {
   *   kind: 'valuation',
   *   filename: 'valuation.pdf',
   * });
   * ```
   */
  async upload(
    customerId: string,
    file: DocumentSource,
    params: DocumentUploadParams & { filename?: string } = {},
    options?: RequestOptions,
  ): Promise<CustomerDocument> {
    const blob = await toBlob(file);
    const form = new FormData();
    const name = params.filename ?? (isFile(file) ? file.name : 'document');
    form.set('file', blob, name);
    if (params.kind !== undefined) form.set('kind', params.kind);
    if (params.description !== undefined) form.set('description', params.description);
    return this.POST(
      '/v1/customers/{id}/documents',
      {
        path: { id: customerId },
        // The document types the parts; the FormData carries them (and its own boundary).
        body: form as unknown as Record<string, never>,
        contentType: 'multipart/form-data',
      },
      options,
    );
  }

  /**
   * A customer's documents, newest first (metadata only).
   *
   * @example
   * ```ts
   * for await (const doc of loupe.documents.list(customerId)) console.log(doc.kind, doc.filename);
   * ```
   */
  list(
    customerId: string,
    params?: DocumentListParams,
    options?: RequestOptions,
  ): PagePromise<CustomerDocument, CustomerDocumentPage> {
    return this.paginate(
      '/v1/customers/{id}/documents',
      { path: { id: customerId }, query: params },
      options,
    );
  }

  /**
   * A document with a `download_url` that works for 5 minutes without credentials: put it in
   * an `<img src>` or a link, or use `download` to get the bytes.
   *
   * @example
   * ```ts
   * const { download_url } = await loupe.documents.retrieve('doc_01J…');
   * ```
   */
  retrieve(id: string, options?: RequestOptions): Promise<CustomerDocumentWithLink> {
    return this.GET('/v1/documents/{id}', { path: { id } }, options);
  }

  /**
   * The document's bytes as a `Blob` (with its content type): signs a fresh link, then
   * follows it.
   *
   * @example
   * ```ts
   * const blob = await loupe.documents.download('doc_01J…');
   * await writeFile('copy.pdf', Buffer.from(await blob.arrayBuffer()));
   * ```
   */
  async download(id: string, options?: RequestOptions): Promise<Blob> {
    const { download_url } = await this.retrieve(id, options);
    const query = new URL(download_url).searchParams;
    const blob = await this.GET(
      '/v1/public/documents/{id}',
      {
        path: { id },
        query: {
          tenant: query.get('tenant') ?? '',
          expires: Number(query.get('expires')),
          signature: query.get('signature') ?? '',
        },
        accept: 'application/octet-stream',
      },
      options,
    );
    return blob as unknown as Blob;
  }

  /**
   * Deletes a document and its bytes (audited on the customer). Needs `delete_document`
   * (managers and owners by default).
   *
   * @example
   * ```ts
   * await loupe.documents.delete('doc_01J…');
   * ```
   */
  delete(id: string, options?: RequestOptions): Promise<void> {
    return this.DELETE('/v1/documents/{id}', { path: { id } }, options) as Promise<void>;
  }
}

const isFile = (value: unknown): value is File =>
  typeof File !== 'undefined' && value instanceof File;

async function toBlob(source: DocumentSource): Promise<Blob> {
  if (source instanceof Blob) return source;
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) {
    return new Blob([source as BlobPart]);
  }
  const chunks: Uint8Array[] = [];
  if (typeof (source as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
  } else {
    for await (const chunk of source as AsyncIterable<Uint8Array>) chunks.push(chunk);
  }
  return new Blob(chunks as BlobPart[]);
}
