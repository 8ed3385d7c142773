import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { defaultWidgetsDir } from '../pages/widgets/dir.js';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// One spelling per meaning: `yes`, `on` or `ture` is refused rather than guessed at.
const booleanFlag = z
  .string()
  .refine((v) => ['0', '1', 'true', 'false'].includes(v), 'must be 0, 1, true or false')
  .transform((v) => v === '1' || v === 'true');

const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
  .transform((v) => Buffer.from(v, 'base64'))
  // A placeholder such as `AAAA…=` decodes to 32 equal bytes: a key anyone can guess.
  .refine(
    (key) => key.some((byte) => byte !== key[0]),
    'is one byte repeated (a placeholder, not a key); use `openssl rand -base64 32`',
  );

// Bearer credentials are told apart by prefix (src/core/auth/keys.ts), so a platform key
// without `lpk_` would be accepted here and then never match: refuse it at start.
const platformKey = z
  .string()
  .startsWith('lpk_', 'must start with lpk_ (e.g. lpk_ followed by 32 random characters)')
  .min(24, 'must be at least 24 characters');

/** An http(s) origin, written with or without a trailing slash; nothing after the host. */
const publicUrl = z
  .string()
  .refine((v) => {
    try {
      const url = new URL(v);
      return /^https?:$/.test(url.protocol) && `${url.origin}/` === `${v.replace(/\/$/, '')}/`;
    } catch {
      return false;
    }
  }, 'must be the origin browsers reach this server at, e.g. https://loupe.example.com')
  .transform((v) => new URL(v).origin);

/** Where mail goes: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. */
const smtpUrl = z.string().refine((v) => {
  try {
    const url = new URL(v);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}, 'must be an smtp:// or smtps:// URL with a host, e.g. smtp://user:password@mail.example.com:587');

/** The most `LOUPE_DOCUMENT_MAX_BYTES` may allow: files live in the database. */
const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).optional(),
  LOUPE_DATA: z.string().min(1).default('./.loupe-data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  LOUPE_PLATFORM_KEY: platformKey.optional(),
  LOUPE_MASTER_KEY: base64Key.optional(),
  LOUPE_DEMO: booleanFlag.default(true),
  // 100/s per credential: one POS vendor's server key may front many tills at once.
  LOUPE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(6000),
  // Public routes (passport verification), per client address; 0 turns only this limit off.
  LOUPE_PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  // How many proxies in front of the server append to X-Forwarded-For; 0 never trusts it.
  LOUPE_TRUST_PROXY: z.coerce
    .number({ message: 'must be a whole number of proxy hops (0 = trust no X-Forwarded-For)' })
    .int('must be a whole number of proxy hops (0 = trust no X-Forwarded-For)')
    .min(0, 'must be a whole number of proxy hops (0 = trust no X-Forwarded-For)')
    .max(10, 'must be at most 10 proxy hops')
    .default(0),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  LOUPE_PUBLIC_URL: publicUrl.optional(),
  // Bearer token Prometheus sends to scrape /metrics; unset, /metrics doesn't exist.
  LOUPE_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  SMTP_URL: smtpUrl.optional(),
  LOUPE_MAIL_FROM: z
    .string()
    .regex(/^[^\s@<>]+@[^\s@<>]+$/, 'must be a bare email address, e.g. shop@example.com')
    .optional(),
  // Signs delivery events (HMAC-SHA256); 32 characters at least, as a random key would be.
  LOUPE_MAIL_WEBHOOK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // Development and tests only: webhook endpoints on this machine or a private network.
  LOUPE_WEBHOOKS_ALLOW_PRIVATE: booleanFlag.default(false),
  // The largest document (ID copy, receipt, valuation) an upload may carry, in bytes.
  LOUPE_DOCUMENT_MAX_BYTES: z.coerce
    .number({ message: 'must be a whole number of bytes' })
    .int('must be a whole number of bytes')
    .min(1024, 'must be at least 1024 bytes')
    .max(MAX_DOCUMENT_BYTES, `must be at most ${MAX_DOCUMENT_BYTES} bytes (50 MB)`)
    .default(10 * 1024 * 1024),
  // How old a Shopify app proxy request's signed timestamp may be (either way, for clock skew).
  LOUPE_SHOPIFY_APP_PROXY_MAX_AGE_SECONDS: z.coerce
    .number({ message: 'must be a whole number of seconds' })
    .int('must be a whole number of seconds')
    .min(10, 'must be at least 10 seconds')
    .max(3600, 'must be at most 3600 seconds')
    .default(300),
  LOUPE_WIDGETS_DIR: z
    .string()
    .transform((v) => resolve(v))
    .refine(isDirectory, 'must be an existing folder (the widgets CDN build)')
    .optional(),
});

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Where the database lives. */
export type StorageConfig =
  | { engine: 'pglite'; dataDir: string | null }
  | { engine: 'postgres'; url: string };

/** Validated server configuration. */
export interface Config {
  port: number;
  /**
   * `LOUPE_PUBLIC_URL`'s origin: where browsers reach this server when a proxy in front of it
   * rewrites the Host. Counts as same-origin beside the request's own, and is the demo page's
   * API base. Null: the request's own origin only.
   */
  publicOrigin: string | null;
  /** `HOST`: the address to bind; null binds every interface. */
  host: string | null;
  storage: StorageConfig;
  redisUrl: string | null;
  /** The operator's key from the environment; null means "generate and persist one". */
  platformKey: string | null;
  masterKey: Buffer;
  /** Set when the master key was generated on this start: main prints a warning. */
  masterKeyNotice: string | null;
  /** `LOUPE_DEMO`: seed the demo shop on an empty database, and serve `/demo`. */
  demo: boolean;
  /** Requests per credential per minute; 0 turns rate limiting off. */
  rateLimitPerMinute: number;
  /** Public-route requests per client address per minute; 0 turns that limit off. */
  publicRateLimitPerMinute: number;
  /**
   * `LOUPE_TRUST_PROXY`: proxies in front of the server whose X-Forwarded-For entries are
   * believed when counting anonymous callers and failed authentications; 0 uses the socket.
   */
  trustProxy: number;
  logLevel: LogLevel;
  /** `LOUPE_METRICS_TOKEN`: serves `/metrics` to this bearer token; null turns metrics off. */
  metricsToken: string | null;
  /**
   * The widgets CDN build served at `/widgets/` (the demo page loads it). From
   * `LOUPE_WIDGETS_DIR`; defaults to `packages/widgets/dist/cdn` beside this package.
   */
  widgetsDir: string;
  /**
   * Outbound email. `smtpUrl` (`SMTP_URL`) sends through nodemailer; null records what would
   * have been sent (the development transport). `from` is `LOUPE_MAIL_FROM`; `webhookSecret`
   * (`LOUPE_MAIL_WEBHOOK_SECRET`) signs delivery events, and without it the endpoint is off.
   */
  mail: { smtpUrl: string | null; from: string; webhookSecret: string | null };
  /** `LOUPE_DOCUMENT_MAX_BYTES`: the largest customer document an upload may carry. */
  documentMaxBytes: number;
  /** `LOUPE_SHOPIFY_APP_PROXY_MAX_AGE_SECONDS`: the app proxy's freshness window. */
  shopifyAppProxyMaxAgeSeconds: number;
  /**
   * Outbound webhooks (decision 0037). `allowPrivate` (`LOUPE_WEBHOOKS_ALLOW_PRIVATE`) lets
   * endpoints be `http://` and point at loopback, link-local or private addresses.
   */
  webhooks: { allowPrivate: boolean };
}

/** Thrown for a bad environment; the message names every offending variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates configuration from environment variables. Throws `ConfigError` naming
 * the variable for any bad value. May create `<LOUPE_DATA>.key` (embedded storage only).
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, so `FOO= pnpm start` behaves like leaving FOO out.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    // One line per variable, never its value: it may be a secret.
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment: ${lines.join('; ')}`);
  }
  const e = parsed.data;

  let storage: StorageConfig;
  if (e.DATABASE_URL) storage = { engine: 'postgres', url: e.DATABASE_URL };
  else if (e.LOUPE_DATA === 'memory') storage = { engine: 'pglite', dataDir: null };
  else storage = { engine: 'pglite', dataDir: resolve(e.LOUPE_DATA) };

  let masterKey: Buffer | undefined = e.LOUPE_MASTER_KEY;
  let masterKeyNotice: string | null = null;
  if (!masterKey) {
    if (storage.engine === 'postgres') {
      throw new ConfigError(
        'Invalid environment: LOUPE_MASTER_KEY: required with DATABASE_URL (32 bytes, base64; e.g. `openssl rand -base64 32`)',
      );
    }
    if (storage.dataDir === null) {
      // In-memory data dies with the process, so an ephemeral key loses nothing.
      masterKey = randomBytes(32);
    } else {
      const result = loadOrCreateKeyFile(`${storage.dataDir}.key`);
      masterKey = result.key;
      masterKeyNotice = result.notice;
    }
  }

  return {
    port: e.PORT,
    host: e.HOST ?? null,
    publicOrigin: e.LOUPE_PUBLIC_URL ?? null,
    storage,
    redisUrl: e.REDIS_URL ?? null,
    platformKey: e.LOUPE_PLATFORM_KEY ?? null,
    masterKey,
    masterKeyNotice,
    demo: e.LOUPE_DEMO,
    rateLimitPerMinute: e.LOUPE_RATE_LIMIT_PER_MINUTE,
    publicRateLimitPerMinute: e.LOUPE_PUBLIC_RATE_LIMIT_PER_MINUTE,
    trustProxy: e.LOUPE_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.LOUPE_METRICS_TOKEN ?? null,
    widgetsDir: e.LOUPE_WIDGETS_DIR ?? defaultWidgetsDir(),
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.LOUPE_MAIL_FROM ?? 'no-reply@loupe.localhost',
      webhookSecret: e.LOUPE_MAIL_WEBHOOK_SECRET ?? null,
    },
    documentMaxBytes: e.LOUPE_DOCUMENT_MAX_BYTES,
    shopifyAppProxyMaxAgeSeconds: e.LOUPE_SHOPIFY_APP_PROXY_MAX_AGE_SECONDS,
    webhooks: { allowPrivate: e.LOUPE_WEBHOOKS_ALLOW_PRIVATE },
  };
}

/**
 * The key file sits beside the data folder, not inside it, so copying the data folder alone
 * doesn't hand over the key that decrypts it.
 */
function loadOrCreateKeyFile(path: string): { key: Buffer; notice: string | null } {
  if (existsSync(path)) {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length !== 32) {
      throw new ConfigError(
        `Invalid environment: LOUPE_MASTER_KEY: unset, and ${path} does not hold a 32-byte base64 key`,
      );
    }
    return { key, notice: null };
  }
  const key = randomBytes(32);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600 });
  return {
    key,
    notice: `LOUPE_MASTER_KEY is not set: generated one in ${path}. Back it up and keep it apart from the data folder; without it encrypted customer data can't be read. Set LOUPE_MASTER_KEY in production.`,
  };
}
