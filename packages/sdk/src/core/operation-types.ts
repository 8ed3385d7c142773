/**
 * Type plumbing that reads request and response shapes out of the generated `paths`, so
 * requests are checked against the server's document (a path or method it doesn't have fails
 * to compile, as in openapi-fetch) and the public names in `types.ts` are aliases of it, never
 * hand-written copies.
 */
import type { paths } from '../generated/openapi.gen.js';

/** The HTTP methods the SDK sends, as the document spells them. */
export type Method = 'get' | 'post' | 'patch' | 'delete';

/** The paths of the document that have a `method` operation. */
export type PathsWith<M extends Method> = {
  [P in keyof paths]: paths[P] extends { [K in M]: object } ? P : never;
}[keyof paths];

/** The generated operation object for `method path`. */
export type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type Responses<O> = O extends { responses: infer R } ? R : never;

/** The content map (media type → body) of an operation's 200, 201 or 202 response. */
export type SuccessContent<O> = {
  [S in keyof Responses<O>]: S extends 200 | 201 | 202
    ? Responses<O>[S] extends { content: infer C }
      ? C
      : never
    : never;
}[keyof Responses<O>];

/** The JSON body of an operation's 200, 201 or 202 response. */
export type ResponseBody<O> = {
  [S in keyof Responses<O>]: S extends 200 | 201 | 202 ? JsonContent<Responses<O>[S]> : never;
}[keyof Responses<O>];

/** The JSON request body of an operation. */
export type RequestBody<O> = O extends { requestBody?: infer B }
  ? JsonContent<NonNullable<B>>
  : never;

/** The content map (media type → body) of an operation's request body. */
type RequestContent<O> = O extends { requestBody?: infer B } ? ContentOf<NonNullable<B>> : never;
type ContentOf<B> = B extends { content: infer C } ? C : never;

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

/** The path parameters of an operation, e.g. `{ id: string }`. */
export type PathParams<O> = O extends { parameters: { path: infer P } } ? P : never;

/** The element type of a paginated response's `data`. */
export type Item<P> = P extends { data: (infer T)[] } ? T : never;

type PathPart<O> = [PathParams<O>] extends [never] ? { path?: never } : { path: PathParams<O> };
type QueryPart<O> = [QueryParams<O>] extends [never]
  ? { query?: never }
  : { query?: QueryParams<O> | undefined };
type BodyPart<O> = [RequestContent<O>] extends [never]
  ? { body?: never; contentType?: never }
  : 'application/json' extends keyof RequestContent<O>
    ? { body: RequestContent<O>['application/json']; contentType?: 'application/json' }
    : {
        [C in keyof RequestContent<O>]: { body: RequestContent<O>[C]; contentType: C };
      }[keyof RequestContent<O>];

type AcceptPart<O> = 'application/json' extends keyof SuccessContent<O>
  ? { accept?: 'application/json' }
  : { accept: keyof SuccessContent<O> };

/**
 * What one call of operation `O` sends, all typed by the document: `path` parameters (required
 * when the path has any), `query`, `body` (with its `contentType` when it isn't JSON), and
 * `accept`, the response media type to read (required when the operation doesn't answer JSON).
 */
export type OperationInit<O> = PathPart<O> & QueryPart<O> & BodyPart<O> & AcceptPart<O>;

/**
 * The decoded success response of operation `O`: its JSON body, or, for an operation that
 * answers another media type (a CSV export), that body as text.
 */
export type Answer<O> =
  SuccessContent<O> extends infer C
    ? 'application/json' extends keyof C
      ? C['application/json']
      : C[keyof C]
    : never;
