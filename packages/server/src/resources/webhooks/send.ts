import http from 'node:http';
import https from 'node:https';
import { publicOnlyLookup } from './url-guard.js';

/** What one attempt came to: the receiver's status code, or why there was none. */
export type AttemptResult =
  | { statusCode: number; error: string | null }
  | { statusCode: null; error: string };

/**
 * POSTs webhook bodies over keep-alive connections. Without `allowPrivate` every connection
 * goes through `publicOnlyLookup`, so a name resolving to a private address is refused when
 * the socket opens. Redirects are not followed (a 3xx is a failed attempt): following one
 * would let a public endpoint send the delivery on to a private one.
 */
export class WebhookSender {
  readonly #agents: { http: http.Agent; https: https.Agent };
  readonly #allowPrivate: boolean;
  readonly #timeoutMs: number;

  constructor(options: { allowPrivate: boolean; timeoutMs: number }) {
    this.#allowPrivate = options.allowPrivate;
    this.#timeoutMs = options.timeoutMs;
    const common = { keepAlive: true, maxSockets: 16 };
    this.#agents = { http: new http.Agent(common), https: new https.Agent(common) };
  }

  send(url: string, headers: Record<string, string>, body: string): Promise<AttemptResult> {
    const target = new URL(url);
    const isHttps = target.protocol === 'https:';
    const request = isHttps ? https.request : http.request;
    return new Promise((resolve) => {
      const req = request(
        target,
        {
          method: 'POST',
          agent: isHttps ? this.#agents.https : this.#agents.http,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
            'user-agent': 'Loupe-Webhooks/1',
          },
          timeout: this.#timeoutMs,
          ...(this.#allowPrivate ? {} : { lookup: publicOnlyLookup }),
        },
        (res) => {
          // The body is not kept; reading it frees the connection for the next delivery.
          res.resume();
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const ok = status >= 200 && status < 300;
            resolve({ statusCode: status, error: ok ? null : `HTTP ${status}` });
          });
          res.on('error', (error) =>
            resolve({ statusCode: res.statusCode ?? 0, error: error.message }),
          );
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.#timeoutMs} ms`)));
      req.on('error', (error) => resolve({ statusCode: null, error: error.message.slice(0, 500) }));
      req.end(body);
    });
  }

  close(): void {
    this.#agents.http.destroy();
    this.#agents.https.destroy();
  }
}
