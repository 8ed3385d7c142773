/** Helpers for tests of CSV import jobs. */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestOptions, TestResponse } from './harness.js';

type Request = (method: string, path: string, options?: RequestOptions) => Promise<TestResponse>;

const FINISHED = new Set(['completed', 'cancelled', 'failed']);

/** POST /v1/customers/import with a CSV body. */
export function postImport(
  request: Request,
  key: string,
  csv: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  return request('POST', '/v1/customers/import', {
    key,
    body: csv,
    headers: { 'Content-Type': 'text/csv', ...headers },
  });
}

/**
 * Polls an import until it has finished (bounded: a test that never finishes fails here),
 * then returns it with every page of its failures in `failures.data`.
 */
// biome-ignore lint/suspicious/noExplicitAny: tests read the job's fields freely.
export async function waitForImport(request: Request, key: string, id: string): Promise<any> {
  for (let poll = 0; poll < 6000; poll++) {
    const res = await request('GET', `/v1/customers/imports/${id}?limit=100`, { key });
    assert.equal(res.status, 200, res.text);
    if (FINISHED.has(res.json.status)) {
      const job = res.json;
      let cursor = job.failures.next_cursor;
      while (cursor) {
        const next = await request(
          'GET',
          `/v1/customers/imports/${id}?limit=100&cursor=${cursor}`,
          {
            key,
          },
        );
        job.failures.data.push(...next.json.failures.data);
        cursor = next.json.failures.next_cursor;
      }
      return job;
    }
    await sleep(10);
  }
  throw new Error(`import ${id} did not finish`);
}

/** Imports a CSV and waits for the job; asserts the 202. */
export async function importAndWait(
  request: Request,
  key: string,
  csv: string | Uint8Array,
  headers: Record<string, string> = {},
): ReturnType<typeof waitForImport> {
  const res = await postImport(request, key, csv, headers);
  assert.equal(res.status, 202, res.text);
  return waitForImport(request, key, res.json.id);
}

/** A CSV of `rows` customers with distinct emails; every `badEvery`-th row has a bad email. */
export function customersCsv(rows: number, options: { prefix?: string; badEvery?: number } = {}) {
  const prefix = options.prefix ?? 'row';
  const lines = ['first_name,last_name,email,mobile,tags'];
  for (let i = 1; i <= rows; i++) {
    const bad = options.badEvery !== undefined && i % options.badEvery === 0;
    lines.push(
      `Given${i},Family${i},${bad ? 'not-an-email' : `${prefix}${i}@example.com`},0412 ${String(100000 + i).slice(-6)},VIP`,
    );
  }
  return `${lines.join('\n')}\n`;
}
