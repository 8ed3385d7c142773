import { createRouter } from '../http/router.js';

/** Customer routes (being built). */
export function customerRoutes() {
  return createRouter();
}
