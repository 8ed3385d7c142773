import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isRetryable,
  MAX_RETRY_AFTER_MS,
  parseRetryAfterMs,
  retryDelayMs,
} from '../src/core/retry-policy.js';
import {
  APIError,
  ConflictError,
  ConnectionError,
  LoupeError,
  type LoupeErrorInit,
} from '../src/index.js';

function init(status: number | null, code: string, retryAfter?: string): LoupeErrorInit {
  const headers = new Headers(retryAfter === undefined ? {} : { 'retry-after': retryAfter });
  return { status, code, title: code, detail: '', requestId: null, headers };
}

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');

  it('reads delay-seconds', () => {
    assert.equal(parseRetryAfterMs('3', now), 3000);
    assert.equal(parseRetryAfterMs('0', now), 0);
  });

  it('reads an HTTP date relative to now, and a past date as 0', () => {
    assert.equal(parseRetryAfterMs('Thu, 26 Nov 2026 12:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfterMs('Thu, 26 Nov 2026 11:00:00 GMT', now), 0);
  });

  it('ignores a missing or unreadable header', () => {
    assert.equal(parseRetryAfterMs(null, now), undefined);
    assert.equal(parseRetryAfterMs('soon', now), undefined);
    assert.equal(parseRetryAfterMs('-1', now), undefined);
  });
});

describe('retryDelayMs', () => {
  it('uses Retry-After when present', () => {
    assert.equal(retryDelayMs(0, new APIError(init(503, 'internal_error', '2'))), 2000);
    assert.equal(
      retryDelayMs(0, new APIError(init(503, 'internal_error', '60'))),
      MAX_RETRY_AFTER_MS,
    );
  });

  it('gives up (null) when Retry-After is longer than it is worth waiting', () => {
    assert.equal(retryDelayMs(0, new APIError(init(503, 'internal_error', '86400'))), null);
  });

  it('backs off exponentially with jitter between half and the full step', () => {
    const error = new APIError(init(503, 'internal_error'));
    assert.equal(
      retryDelayMs(0, error, () => 0),
      250,
    );
    assert.equal(
      retryDelayMs(0, error, () => 1),
      500,
    );
    assert.equal(
      retryDelayMs(2, error, () => 0),
      1000,
    );
    assert.equal(
      retryDelayMs(2, error, () => 1),
      2000,
    );
    assert.equal(
      retryDelayMs(10, error, () => 1),
      8000,
      'capped',
    );
  });
});

describe('isRetryable', () => {
  it('retries connection errors, 429, 5xx and the idempotency lock only', () => {
    assert.equal(isRetryable(new ConnectionError(init(null, 'connection_error'))), true);
    assert.equal(isRetryable(new LoupeError(init(429, 'rate_limited'))), true);
    assert.equal(isRetryable(new APIError(init(502, 'internal_error'))), true);
    assert.equal(isRetryable(new ConflictError(init(409, 'idempotency_key_in_use'))), true);
    assert.equal(isRetryable(new ConflictError(init(409, 'idempotency_key_reused'))), false);
    assert.equal(isRetryable(new LoupeError(init(422, 'validation_failed'))), false);
    assert.equal(isRetryable(new LoupeError(init(404, 'not_found'))), false);
  });
});
