import autocannon from 'autocannon';

/** One measured figure. */
export interface LoadResult {
  name: string;
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses counted, and how many of them (plus errors and timeouts) weren't 2xx. */
  total: number;
  failed: number;
}

export interface LoadOptions {
  name: string;
  url: string;
  /** Paths to rotate through (ids, search terms), so no one row or plan stays hot. */
  paths: readonly string[];
  headers?: Record<string, string>;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  /** Called between the warm-up and the measured window (to reset the server's probe). */
  beforeMeasuring?: () => void;
}

function run(options: LoadOptions, durationSeconds: number) {
  let next = 0;
  return autocannon({
    url: options.url,
    connections: options.connections,
    duration: durationSeconds,
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
}

/**
 * Drives one endpoint with autocannon from the runner's process (the server and floors run
 * in others): a warm-up, then the measured window.
 */
export async function measure(options: LoadOptions): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await run(options, options.warmupSeconds);
  options.beforeMeasuring?.();
  const result = await run(options, options.durationSeconds);
  const total = result['1xx'] + result['2xx'] + result.non2xx;
  return {
    name: options.name,
    connections: options.connections,
    requestsPerSecond: result.requests.total / options.durationSeconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/** A Markdown table with right-aligned figures. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((_, i) =>
    Math.max(...[header, ...rows].map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
