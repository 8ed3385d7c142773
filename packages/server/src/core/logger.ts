import pino, { type DestinationStream } from 'pino';
import type { LogLevel } from './config.js';

/** Structured logger the app writes through; one JSON line per entry. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Writes out what is buffered; call before the process exits. */
  flush(): void;
}

/**
 * Fields never written as they are, wherever a caller puts them: credentials arrive in
 * headers and in a few response bodies (new keys). Request log lines carry ids, never these.
 */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  '*.authorization',
  '*.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'key',
  'owner_key',
  'publishable_key',
  'token',
  'password',
];

/**
 * A pino logger writing JSON lines to stderr (stdout carries the human banners) at or above
 * `level`. `destination` replaces stderr (tests read the lines).
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const log = pino(
    {
      level,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination ?? pino.destination({ dest: 2, sync: false }),
  );
  return {
    debug: (message, fields) => log.debug(fields, message),
    info: (message, fields) => log.info(fields, message),
    warn: (message, fields) => log.warn(fields, message),
    error: (message, fields) => log.error(fields, message),
    flush: () => {
      try {
        log.flush();
      } catch {
        // A destination that can't flush (closed pipe) has nothing left to lose.
      }
    },
  };
}
