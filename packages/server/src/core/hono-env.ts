import type { PlatformPrincipal, Principal, TenantPrincipal } from './auth/principal.js';
import type { Services } from './services.js';

/** Hono's typing for this app: what `c.get()` holds on every request (read with `c.get('name')`: Hono's `c.var` copies every variable into a new object on each access). */
export interface AppEnv {
  Variables: {
    services: Services;
    requestId: string;
    /** Set by `authenticate`; null only on routes that need no credential. */
    principal: Principal | null;
    /** Set by `enforceOrigin` when the request's Origin may read the response. */
    originAllowed: boolean;
    /**
     * The customer a POST's response is about when its path names none (creating one), so
     * erasing that customer can retire the stored idempotent response.
     */
    subjectCustomerId: string | undefined;
  };
}

/** `AppEnv` behind a tenant guard (see `defineRoute`): `c.get('principal')` is a tenant's credential. */
export type TenantEnv = AppEnv & { Variables: { principal: TenantPrincipal } };

/** `AppEnv` behind the platform guard: `c.get('principal')` is the operator. */
export type PlatformEnv = AppEnv & { Variables: { principal: PlatformPrincipal } };
