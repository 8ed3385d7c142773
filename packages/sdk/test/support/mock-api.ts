import { http, type RequestHandler } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';

/** The fake server's origin; tests build clients with it as `baseUrl`. */
export const BASE_URL = 'https://loupe.test';

/** A request as it reached the mock API. */
export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** The raw body. */
  text(): Promise<string>;
  /** The body's bytes, as sent. */
  bytes(): Promise<Uint8Array>;
  /** The body parsed as JSON. */
  json(): Promise<unknown>;
}

/**
 * An msw server that records every request it sees, so tests can assert the exact wire
 * traffic (method, URL, headers, body) and count attempts.
 */
export function mockApi(): { server: SeenServer; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const server = setupServer();
  server.events.on('request:start', ({ request }) => {
    // A clone taken now keeps the body readable after the handler consumed the original.
    const copy = request.clone();
    const bytes = copy.arrayBuffer().then((buffer) => new Uint8Array(buffer));
    const body = bytes.then((raw) => new TextDecoder().decode(raw));
    seen.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      text: () => body,
      bytes: () => bytes,
      json: async () => JSON.parse(await body) as unknown,
    });
  });
  return { server, seen };
}

export type SeenServer = SetupServer;
export type { RequestHandler };

/** A JSON problem response in the shape of decision 0001. */
export function problem(
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(
    JSON.stringify({
      type: `https://loupe.dev/errors/${code}`,
      title: code.replaceAll('_', ' '),
      status,
      code,
      detail: `detail of ${code}`,
      request_id: 'req_body',
      ...extra,
    }),
    {
      status,
      headers: {
        'content-type': 'application/problem+json',
        'x-request-id': 'req_123',
        ...headers,
      },
    },
  );
}

/** Answers each call with the next response from `responses` (the last one repeats). */
export function sequence(
  ...responses: (() => Response | Promise<Response>)[]
): () => Promise<Response> {
  let call = 0;
  return async () => {
    const next = responses[Math.min(call, responses.length - 1)];
    call += 1;
    if (!next) throw new Error('sequence() needs at least one response');
    return next();
  };
}

export { http };
