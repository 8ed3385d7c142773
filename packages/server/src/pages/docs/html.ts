/** Where the docs page's files live under the server's origin. */
export const DOCS_ASSET_PREFIX = '/docs/assets';

/**
 * The API reference page. Everything it loads comes from this server: the Swagger UI files
 * and a small start-up script (kept out of the HTML so a strict `script-src 'self'` holds).
 */
export function renderDocsPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Loupe API reference</title>
  <link rel="icon" type="image/png" href="${DOCS_ASSET_PREFIX}/favicon-32x32.png">
  <link rel="stylesheet" href="${DOCS_ASSET_PREFIX}/swagger-ui.css">
  <style>body { margin: 0; } .topbar { display: none; }</style>
</head>
<body>
  <div id="swagger-ui"></div>
  <noscript>The API reference needs JavaScript. The raw document is at <a href="/openapi.json">/openapi.json</a>.</noscript>
  <script src="${DOCS_ASSET_PREFIX}/swagger-ui-bundle.js"></script>
  <script src="${DOCS_ASSET_PREFIX}/init.js"></script>
</body>
</html>
`;
}

/** Starts Swagger UI on `/openapi.json`; served as its own file. */
export const DOCS_INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: false,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;
