// Gives every <loupe-provider> on the page a Loupe server and a token source: the signed-in
// shopper's customer session, minted by the Loupe server behind the Shopify app proxy
// (`/apps/loupe/session`). The storefront never holds a key. Loaded by the Loupe app embed;
// module scripts run in document order, so this runs before the provider's own module.
const settings = document.getElementById('loupe-settings');
const { baseUrl, sessionPath } = settings ? JSON.parse(settings.textContent) : {};

let pending = null;
/**
 * One request at a time, shared by every Loupe block on the page. The random `nonce` makes each
 * request's signature unique: Shopify signs every parameter, and Loupe refuses a signature it
 * has already seen (two requests in one second would otherwise share one).
 */
function fetchLoupeToken() {
  pending ??= fetch(`${sessionPath}?nonce=${crypto.randomUUID()}`, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  })
    .then(async (response) => {
      if (!response.ok) throw new Error(`Could not start a Loupe session (${response.status})`);
      return (await response.json()).token;
    })
    .finally(() => {
      pending = null;
    });
  return pending;
}

for (const provider of document.querySelectorAll('loupe-provider[data-loupe-storefront]')) {
  if (baseUrl && !provider.hasAttribute('base-url')) provider.setAttribute('base-url', baseUrl);
  provider.fetchToken = fetchLoupeToken;
}
