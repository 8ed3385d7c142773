import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../core/hono-env.js';

/** `GET /widgets/*`: the widgets package's CDN build, which the demo page loads. */
export function widgetRoutes(widgetsDir: string): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  // Made on first use: serveStatic complains at construction when the bundle isn't built yet.
  let serveWidgets: MiddlewareHandler | undefined;
  routes.use('/widgets/*', (c, next) => {
    serveWidgets ??= serveStatic({
      root: widgetsDir,
      rewriteRequestPath: (path) => path.slice('/widgets'.length),
    });
    return serveWidgets(c, next);
  });
  return routes;
}
