/**
 * Type plumbing that reads request and response shapes out of the generated `paths`, so the
 * public names in `types.ts` are aliases of the server's document, never hand-written copies.
 */
import type { paths } from '../generated/openapi.gen.js';

type Method = 'get' | 'post' | 'patch' | 'delete';

/** The generated operation object for `method path`. */
export type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type Responses<O> = O extends { responses: infer R } ? R : never;

/** The JSON body of an operation's 200 or 201 response. */
export type ResponseBody<O> = {
  [S in keyof Responses<O>]: S extends 200 | 201 ? JsonContent<Responses<O>[S]> : never;
}[keyof Responses<O>];

/** The JSON request body of an operation. */
export type RequestBody<O> = O extends { requestBody?: infer B }
  ? JsonContent<NonNullable<B>>
  : never;

/**
 * The query parameters of an operation. A flag the document types as the strings
 * `'true' | 'false'` (how a query string carries it) also accepts a boolean, which the
 * transport writes as that string.
 */
export type QueryParams<O> = O extends { parameters: { query?: infer Q } }
  ? BooleanFlags<NonNullable<Q>>
  : never;

type BooleanFlags<Q> = {
  [K in keyof Q]: [Exclude<Q[K], undefined>] extends ['true' | 'false'] ? Q[K] | boolean : Q[K];
};

/** The element type of a paginated response's `data`. */
export type Item<P> = P extends { data: (infer T)[] } ? T : never;
