import autocannon from 'autocannon';

/** One measured endpoint: what a line of the report shows. */
export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  name: string;
  url: string;
  /** Paths to rotate through, so a search bench doesn't hit one cached plan with one term. */
  paths: readonly string[];
  headers?: Record<string, string>;
  durationSeconds: number;
  connections: number;
}

/**
 * Drives one endpoint with autocannon from this process while the server runs in another,
 * so the load generator doesn't steal the server's thread.
 */
export async function measure(options: LoadOptions): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    headers: options.headers ?? {},
    requests: [
      {
        setupRequest: (request) => {
          const path = options.paths[next++ % options.paths.length] ?? '/';
          return { ...request, path };
        },
      },
    ],
  });
  return {
    name: options.name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Fixed-width table of results, with each row's share of a reference row's throughput. */
export function formatTable(rows: readonly LoadResult[], reference?: LoadResult): string {
  const header = [
    'endpoint',
    'req/s',
    'p50 ms',
    'p99 ms',
    'non-2xx',
    reference ? `vs ${reference.name}` : '',
  ];
  const lines = rows.map((row) => [
    row.name,
    row.requestsPerSecond.toFixed(0),
    row.p50Ms.toFixed(2),
    row.p99Ms.toFixed(2),
    String(row.non2xx + row.errors),
    reference
      ? `${((row.requestsPerSecond / reference.requestsPerSecond) * 100).toFixed(0)} %`
      : '',
  ]);
  const widths = header.map((_, i) =>
    Math.max(...[header, ...lines].map((l) => (l[i] ?? '').length)),
  );
  return [header, ...lines]
    .map((l) =>
      l
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  '),
    )
    .join('\n');
}
