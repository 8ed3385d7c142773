import type { TenantPrincipal } from '../../../core/auth/principal.js';
import type { TenantKeyring } from '../../../core/crypto/tenant-keys.js';
import type { Queryable, SqlParam } from '../../../core/db/types.js';
import type { Customer } from '../schemas.js';
import { CUSTOMER_COLUMNS, type CustomerRow, rowToCustomer } from '../store.js';
import { visibleCustomersSql } from '../visibility.js';
import { type DuplicateReason, SIMILAR_NAME_THRESHOLD, scoreDuplicate } from './scoring.js';

/** Candidates looked at per request; the strongest are returned. */
const CANDIDATE_LIMIT = 50;

/** One likely duplicate. */
export interface DuplicateMatch {
  customer: Customer;
  score: number;
  reasons: DuplicateReason[];
}

/** The columns of the customer that candidates are compared with. */
interface Subject {
  email_normalized: string | null;
  mobile_bidx: Uint8Array | null;
  phone_bidx: Uint8Array | null;
  tax_id_normalized: string | null;
  search_name: string;
  birthday: string | null;
}

interface CandidateRow extends CustomerRow {
  same_email: boolean;
  same_phone: boolean;
  same_tax_id: boolean;
  name_similarity: number;
  same_birthday: boolean;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * The mailbox an address delivers to, ignoring a `+tag` (`ada+shop@x.com` → `ada@x.com`),
 * and a LIKE pattern for its tagged variants. Null without an email.
 */
export function mailboxOf(email: string | null): { mailbox: string; taggedPattern: string } | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  if (at < 1) return { mailbox: email, taggedPattern: escapeLike(email) };
  const local = email.slice(0, at).split('+')[0] ?? '';
  const domain = email.slice(at + 1);
  return {
    mailbox: `${local}@${domain}`,
    taggedPattern: `${escapeLike(local)}+%@${escapeLike(domain)}`,
  };
}

/**
 * Likely duplicates of a customer, strongest first. Each way two records can match has its
 * own indexed arm (email, phone blind indexes, tax id, trigram name), OR-ed, so the query
 * reads a handful of rows even in a big tenant. Archived, erased and merged records are left
 * out, and so is the customer itself. Null when the credential can't see the customer.
 */
export async function findDuplicates(
  db: Queryable,
  keyring: TenantKeyring,
  principal: TenantPrincipal,
  customerId: string,
): Promise<DuplicateMatch[] | null> {
  const subjectParams: SqlParam[] = [customerId];
  const subjectVisible = visibleCustomersSql(principal, subjectParams);
  const found = await db.query<Subject>(
    `SELECT c.email_normalized, c.mobile_bidx, c.phone_bidx, c.tax_id_normalized, c.search_name, c.birthday
       FROM customers c WHERE c.id = $1 AND ${subjectVisible}`,
    subjectParams,
  );
  const subject = found.rows[0];
  if (!subject) return null;

  const params: SqlParam[] = [];
  const p = (value: SqlParam) => {
    params.push(value);
    return `$${params.length}`;
  };
  const email = mailboxOf(subject.email_normalized);
  const phones = [subject.mobile_bidx, subject.phone_bidx].filter(
    (b): b is Uint8Array => b !== null,
  );
  const name = subject.search_name;

  const sameEmail = email
    ? `(c.email_normalized = ${p(email.mailbox)} OR c.email_normalized LIKE ${p(email.taggedPattern)})`
    : 'false';
  const samePhone =
    phones.length > 0
      ? `(${phones
          .map((bidx) => {
            const ph = p(bidx);
            return `c.mobile_bidx = ${ph} OR c.phone_bidx = ${ph}`;
          })
          .join(' OR ')})`
      : 'false';
  const sameTaxId = subject.tax_id_normalized
    ? `c.tax_id_normalized = ${p(subject.tax_id_normalized)}`
    : 'false';
  const nameParam = p(name);
  const similarName = name
    ? `(c.search_name % ${nameParam} AND similarity(c.search_name, ${nameParam}) >= ${p(SIMILAR_NAME_THRESHOLD)})`
    : 'false';
  // Yearless birthdays (--MM-DD) match on the day; two full dates must agree on the year too.
  const birthday = subject.birthday;
  const sameBirthday = birthday
    ? `(right(c.birthday, 5) = ${p(birthday.slice(-5))} AND (c.birthday LIKE '--%' OR c.birthday = ${p(birthday)} OR ${p(birthday.startsWith('--'))}))`
    : 'false';

  const visible = visibleCustomersSql(principal, params);
  const { rows } = await db.query<CandidateRow>(
    `SELECT ${CUSTOMER_COLUMNS},
            ${sameEmail} AS same_email,
            ${samePhone} AS same_phone,
            ${sameTaxId} AS same_tax_id,
            similarity(c.search_name, ${nameParam})::float8 AS name_similarity,
            COALESCE(${sameBirthday}, false) AS same_birthday
       FROM customers c
      WHERE ${visible} AND c.id <> ${p(customerId)}
        AND c.archived_at IS NULL AND c.erased_at IS NULL AND c.merged_into IS NULL
        AND (${sameEmail} OR ${samePhone} OR ${sameTaxId} OR ${similarName})
      -- With many look-alike names, keep the records sharing an identifier, then the closest names.
      ORDER BY COALESCE(${sameEmail} OR ${samePhone} OR ${sameTaxId}, false) DESC,
               similarity(c.search_name, ${nameParam}) DESC, c.id
      LIMIT ${p(CANDIDATE_LIMIT)}`,
    params,
  );

  const keys = await keyring.forTenant(db, principal.tenant.id);
  const matches: DuplicateMatch[] = [];
  for (const row of rows) {
    const scored = scoreDuplicate({
      sameEmail: row.same_email,
      samePhone: row.same_phone,
      sameTaxId: row.same_tax_id,
      nameSimilarity: row.name_similarity,
      sameBirthday: row.same_birthday,
    });
    if (scored) matches.push({ customer: rowToCustomer(row, keys), ...scored });
  }
  return matches.sort((a, b) => b.score - a.score);
}
