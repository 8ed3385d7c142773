import type { Principal } from './auth/principal.js';
import type { Services } from './services.js';

/** Hono's typing for this app: what `c.var` holds on every request. */
export interface AppEnv {
  Variables: {
    services: Services;
    requestId: string;
    /** Set by `authenticate`; null only on routes that need no credential. */
    principal: Principal | null;
    /** Set by `enforceOrigin` when the request's Origin may read the response. */
    originAllowed: boolean;
  };
}
