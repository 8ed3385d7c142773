import { OpenAPIHono } from '@hono/zod-openapi';
import { validationHook } from '../errors.js';
import type { AppEnv } from '../hono-env.js';

/**
 * A route module's router: an `OpenAPIHono` whose failed validations answer 422
 * `validation_failed`. Each module builds one and `createApp` mounts it with one line.
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
