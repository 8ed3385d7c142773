import type { RequestOptions } from '../core/config.js';
import type { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import { normalisePassportCode } from '../generated/passport-code.gen.js';
import type {
  Passport,
  PassportCreateParams,
  PassportDetail,
  PassportListParams,
  PassportOwnerCorrectionParams,
  PassportPage,
  PassportTransferParams,
  PublicPassport,
} from '../types.js';

/** `loupe.passports`: certificates that travel with a piece, and their public verification. */
export class Passports extends Resource {
  /**
   * Issues a passport with a new public code and `verify_url` (what its QR code opens).
   *
   * @example
   * ```ts
   * const passport = await loupe.passports.create({
   *   title: 'Solitaire engagement ring', jewellery_type: 'ring', metal: 'platinum',
   *   stones: [{ kind: 'diamond', carat: 1.01, colour: 'F', clarity: 'VS1', lab: 'GIA' }],
   *   owner_email: 'amelia.chen@example.com', customer_id: 'cus_01J…',
   * });
   * console.log(passport.code); // K7M-2QX-9HD-F4W-RT8-CPN-3BT
   * ```
   */
  create(body: PassportCreateParams, options?: RequestOptions): Promise<PassportDetail> {
    return this.POST('/v1/passports', { body }, options);
  }

  /**
   * One passport with its ownership history (`transfers`, oldest first).
   *
   * @example
   * ```ts
   * const { owner_email, transfers } = await loupe.passports.retrieve('pas_01J…');
   * ```
   */
  retrieve(id: string, options?: RequestOptions): Promise<PassportDetail> {
    return this.GET('/v1/passports/{id}', { path: { id } }, options);
  }

  /**
   * The tenant's passports, newest first; filter by `owner_email` (ignoring case and spaces)
   * or `status`. Await for a page, iterate for all.
   *
   * @example
   * ```ts
   * for await (const p of loupe.passports.list({ status: 'reported_stolen' })) console.log(p.title);
   * ```
   */
  list(params?: PassportListParams, options?: RequestOptions): PagePromise<Passport, PassportPage> {
    return this.paginate('/v1/passports', { query: params }, options);
  }

  /**
   * Records a change of owner; the history keeps from, to, when, who and the note. Only an
   * active passport changes hands (`ConflictError` `passport_status_conflict` otherwise).
   *
   * @example
   * ```ts
   * await loupe.passports.transfer('pas_01J…', { to_email: 'sam.ng@example.com', note: 'Gift' });
   * ```
   */
  transfer(
    id: string,
    body: PassportTransferParams,
    options?: RequestOptions,
  ): Promise<PassportDetail> {
    return this.POST('/v1/passports/{id}/transfers', { path: { id }, body }, options);
  }

  /**
   * Fixes a mistyped owner email (not a change of owner: no transfer is recorded). Audited with
   * the reason.
   *
   * @example
   * ```ts
   * await loupe.passports.correctOwner('pas_01J…', {
   *   owner_email: 'amelia.chen@example.com', reason: 'Issued with a typo',
   * });
   * ```
   */
  correctOwner(
    id: string,
    body: PassportOwnerCorrectionParams,
    options?: RequestOptions,
  ): Promise<PassportDetail> {
    return this.POST('/v1/passports/{id}/owner-corrections', { path: { id }, body }, options);
  }

  /**
   * Marks an active passport reported stolen; the public page warns at once.
   *
   * @example
   * ```ts
   * await loupe.passports.reportStolen('pas_01J…');
   * ```
   */
  reportStolen(id: string, options?: RequestOptions): Promise<PassportDetail> {
    return this.POST('/v1/passports/{id}/report-stolen', { path: { id } }, options);
  }

  /**
   * Marks a passport reported stolen as recovered (active again).
   *
   * @example
   * ```ts
   * await loupe.passports.recover('pas_01J…');
   * ```
   */
  recover(id: string, options?: RequestOptions): Promise<PassportDetail> {
    return this.POST('/v1/passports/{id}/recover', { path: { id } }, options);
  }

  /**
   * Archives an active passport (the piece is retired). One reported stolen must be recovered
   * first.
   *
   * @example
   * ```ts
   * await loupe.passports.archive('pas_01J…');
   * ```
   */
  archive(id: string, options?: RequestOptions): Promise<PassportDetail> {
    return this.POST('/v1/passports/{id}/archive', { path: { id } }, options);
  }

  /**
   * The passport's QR code as SVG text, pointing at its public verify page.
   *
   * @example
   * ```ts
   * const svg = await loupe.passports.qr('pas_01J…');
   * ```
   */
  qr(id: string, options?: RequestOptions): Promise<string> {
    return this.GET('/v1/passports/{id}/qr', { path: { id }, accept: 'image/svg+xml' }, options);
  }

  /**
   * What anyone may learn from a code: the piece, its status, issuer and ownership changes,
   * never the owner. Needs no credential (a client made with `anonymous: true`, or a
   * publishable key). An unknown or malformed code fails with `NotFoundError`; check a typed code first
   * with `parsePassportCode` to tell a typo from an unknown code without a request.
   *
   * @example
   * ```ts
   * const loupe = createLoupe({ baseUrl: 'https://loupe.example.com', anonymous: true });
   * const piece = await loupe.passports.verify('k7m 2qx 9hd f4w rt8 cpn 3bt');
   * if (piece.status === 'reported_stolen') warn();
   * ```
   */
  verify(code: string, options?: RequestOptions): Promise<PublicPassport> {
    // Sent canonical (what the server would make of it anyway); never an empty path segment.
    const canonical = normalisePassportCode(code) || '-';
    return this.GET('/v1/public/passports/{code}', { path: { code: canonical } }, options);
  }
}
