// Generated from custom-elements.json by scripts/generate-framework-types.mjs: do not edit.
// Vue 3: templates type-check props and `@event` handlers (vue-tsc, strictTemplates). Use:
// `import type {} from '@loupe/widgets/vue';` once, and tell the compiler the tags are custom
// elements: `compilerOptions.isCustomElement: (tag) => tag.startsWith('loupe-')`.
import type {
  LoupeCreateDetail,
  LoupeCustomerCreateDetail,
  LoupeCustomerSavedDetail,
  LoupeCustomerSelectDetail,
  LoupeNavigateDetail,
  LoupeSendEmailDetail,
  LoupeStoreCreditAdjustedDetail,
  LoupeTabChangeDetail,
} from '../dist/events.js';
import type {
  LoupeCustomerAudit,
  LoupeCustomerForm,
  LoupeCustomerHero,
  LoupeCustomerHistory,
  LoupeCustomerSearch,
  LoupePassportVerifier,
  LoupeProvider,
  LoupeStoreCreditLedger,
} from '../dist/index.js';

type LoupeVueElement<Props> = new () => { $props: Props };

declare module 'vue' {
  interface GlobalComponents {
    /** A customer's change history, newest first: who, when, what, and each changed field as before → after in words ("Ring size: M → N"). */
    'loupe-customer-audit': LoupeVueElement<
      Partial<
        Pick<
          LoupeCustomerAudit,
          | 'customerId'
          | 'pageSize'
          | 'client'
          | 'baseUrl'
          | 'token'
          | 'fetchToken'
          | 'locale'
          | 'currency'
        >
      >
    >;
    /** The customer form, new and edit: personal details, address, jewellery preferences, important dates, tags and marketing consent. The server's answer is the truth: each field it refuses shows its message, and nothing typed is lost. */
    'loupe-customer-form': LoupeVueElement<
      Partial<
        Pick<
          LoupeCustomerForm,
          'customerId' | 'client' | 'baseUrl' | 'token' | 'fetchToken' | 'locale' | 'currency'
        >
      > & {
        /** The server accepted the new customer, a change, an archive or an unarchive; `detail: { customer, created }`. */
        onLoupeCustomerSaved?: (event: CustomEvent<LoupeCustomerSavedDetail>) => void;
      } & {
        /** "View existing customer" after a duplicate email; `detail: { customerId, customer: null, href }`. Cancelable: cancel it to route in your app instead of following `href` (the `customer` link template). */
        onLoupeCustomerSelect?: (event: CustomEvent<LoupeCustomerSelectDetail>) => void;
      }
    >;
    /** A customer at a glance for the counter: who they are, what to be careful of, and what they are worth — store credit, lifetime spend and last visit — and what a layby still owes. */
    'loupe-customer-hero': LoupeVueElement<
      Partial<
        Pick<
          LoupeCustomerHero,
          'customerId' | 'client' | 'baseUrl' | 'token' | 'fetchToken' | 'locale' | 'currency'
        >
      > & {
        /** Send email was activated; `detail: { customerId, email }`. Cancelable: cancel it to open your own composer instead of the `mailto:` link. */
        onLoupeSendEmail?: (event: CustomEvent<LoupeSendEmailDetail>) => void;
      }
    >;
    /** A customer's history in twelve flat tabs — Overview, Repairs, Bespoke, Quotes, Invoices, Sales, Passports, Wishlist, Loyalty, Store credit, Communications, Notes — each with the real count from the customer's summary, each loading on first open and paging on demand. The tabs are WAI-ARIA tabs: one tab stop, arrow keys (mirrored right to left), Home and End. With `activation="automatic"` (the default) an arrow key opens the tab it reaches; with `activation="manual"` it only moves focus, and Enter or Space opens the tab. Rows lead where the page says: a link template per record kind from `<loupe-provider links>` (`repair`, `bespoke_job`, `quote`, `invoice`, `sale`, `passport`), or a cancelable `loupe-navigate` event. "+ New" shows only when the credential may create that record, and fires `loupe-create` (or follows the `<kind>-new` template, `{id}` being the customer's id). */
    'loupe-customer-history': LoupeVueElement<
      Partial<
        Pick<
          LoupeCustomerHistory,
          | 'customerId'
          | 'tab'
          | 'activation'
          | 'client'
          | 'baseUrl'
          | 'token'
          | 'fetchToken'
          | 'locale'
          | 'currency'
        >
      > & {
        /** A person chose another tab; `detail: { tab, previousTab }`. Cancelable: cancel it to stay on the current tab. Not fired when `tab` is set by code. */
        onLoupeTabChange?: (event: CustomEvent<LoupeTabChangeDetail>) => void;
      } & {
        /** A record was activated; `detail: { kind, id, href }`. Cancelable: cancel it to route inside your app instead of following `href`. */
        onLoupeNavigate?: (event: CustomEvent<LoupeNavigateDetail>) => void;
      } & {
        /** "+ New" was activated; `detail: { kind, customerId, href }`. Cancelable: cancel it to open your own form instead of following `href`. */
        onLoupeCreate?: (event: CustomEvent<LoupeCreateDetail>) => void;
      }
    >;
    /** Find a customer at the counter: a search box that shows matches as you type (name with typos, email, phone in any format, tax id), with what tells two namesakes apart. */
    'loupe-customer-search': LoupeVueElement<
      Partial<
        Pick<
          LoupeCustomerSearch,
          | 'includeArchived'
          | 'value'
          | 'client'
          | 'baseUrl'
          | 'token'
          | 'fetchToken'
          | 'locale'
          | 'currency'
        >
      > & {
        /** A result was chosen; `detail: { customerId, customer, href }`. Cancelable: cancel it to route inside your app instead of following `href` (the provider's `customer` link template). */
        onLoupeCustomerSelect?: (event: CustomEvent<LoupeCustomerSelectDetail>) => void;
      } & {
        /** "New customer" was chosen (shown to credentials that may create); `detail: { query, href }`. Cancelable: cancel it to open your own form instead of following `href` (the `customer-new` link template). */
        onLoupeCustomerCreate?: (event: CustomEvent<LoupeCustomerCreateDetail>) => void;
      }
    >;
    /** Checks a jewellery passport: a shopper types (or scans) its code and sees the piece, who issued it, how often it changed hands, and an unmissable warning when it has been reported stolen. Never shows anything about the owner. The code comes from the `code` attribute, else the page's `?code=`, else the input. A mistyped code is caught without a request (its check symbol). Works with a publishable key or no credential at all; content placed inside the element (a server's own rendering of the answer) shows until the element has its own. */
    'loupe-passport-verifier': LoupeVueElement<
      Partial<
        Pick<
          LoupePassportVerifier,
          | 'code'
          | 'publishableKey'
          | 'client'
          | 'baseUrl'
          | 'token'
          | 'fetchToken'
          | 'locale'
          | 'currency'
        >
      >
    >;
    /** Connects the Loupe elements inside it to one Loupe server, locale and currency. */
    'loupe-provider': LoupeVueElement<
      Partial<
        Pick<
          LoupeProvider,
          'baseUrl' | 'token' | 'fetchToken' | 'client' | 'locale' | 'currency' | 'links'
        >
      >
    >;
    /** A customer's store credit: the balance, the ledger history page by page, and an adjust form for staff allowed to credit or debit it. */
    'loupe-store-credit-ledger': LoupeVueElement<
      Partial<
        Pick<
          LoupeStoreCreditLedger,
          | 'customerId'
          | 'pageSize'
          | 'client'
          | 'baseUrl'
          | 'token'
          | 'fetchToken'
          | 'locale'
          | 'currency'
        >
      > & {
        /** An adjustment was saved; `detail: { customerId, transaction, balance }`. The ledger reloads itself. */
        onLoupeStoreCreditAdjusted?: (event: CustomEvent<LoupeStoreCreditAdjustedDetail>) => void;
      } & {
        /** A reference link was activated; `detail: { kind, id, href }`. Cancelable: cancel it to route inside your app instead of following `href`. */
        onLoupeNavigate?: (event: CustomEvent<LoupeNavigateDetail>) => void;
      }
    >;
  }
}
