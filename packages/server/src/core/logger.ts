import type { LogLevel } from './config.js';

/** Structured logger the app writes through; one JSON line per entry. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Writes JSON lines to stderr at or above `level`. */
export function createLogger(level: LogLevel): Logger {
  const min = RANK[level];
  const write =
    (lvl: Exclude<LogLevel, 'silent'>) => (message: string, fields?: Record<string, unknown>) => {
      if (RANK[lvl] < min) return;
      process.stderr.write(
        `${JSON.stringify({ level: lvl, time: new Date().toISOString(), message, ...fields })}\n`,
      );
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
