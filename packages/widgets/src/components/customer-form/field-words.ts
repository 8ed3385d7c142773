import { formatDate } from '../../format.js';
import { messages } from '../../messages.js';

/** A customer field's name as a person reads it (`ring_size` → `Ring size`). */
export function fieldLabel(field: string): string {
  const m = messages();
  const labels: Record<string, string> = {
    first_name: m.firstName,
    last_name: m.lastName,
    email: m.email,
    mobile: m.mobile,
    phone: m.phone,
    address: m.address,
    birthday: m.birthday,
    anniversary: m.anniversary,
    spouse_name: m.spouseName,
    spouse_birthday: m.spouseBirthday,
    ring_size: m.ringSize,
    wrist_size: m.wristSize,
    preferred_metal: m.metal,
    gold_preference: m.goldPreference,
    allergies: m.allergies,
    tags: m.tags,
    is_vip: m.vip,
    marketing_consent: m.marketingConsent,
    external_ids: m.otherSystems,
    archived_at: m.archivedField,
  };
  return labels[field] ?? field.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** A field's value in words: `--03-28` → `28 March`, `rose_gold` → `Rose gold`, a list joined. */
export function describeValue(field: string, value: unknown, locale?: string): string {
  const m = messages();
  if (value === null || value === undefined || value === '') return m.empty;
  if (value === '[redacted]') return m.hidden;
  if (typeof value === 'boolean') return value ? m.yes : m.no;
  if (Array.isArray(value)) return value.length ? value.join(', ') : m.empty;
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) =>
        typeof v === 'object'
          ? `${fieldLabel(k)}: ${describeValue(k, (v as { granted?: boolean }).granted ?? v, locale)}`
          : String(v),
      );
    return parts.length ? parts.join(', ') : m.empty;
  }
  const text = String(value);
  if (field === 'preferred_metal') return m.metals[text] ?? text;
  const date = /^(\d{4}|-)-(\d\d)-(\d\d)$/.exec(text);
  if (date) {
    const [, year, month, day] = date;
    const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', timeZone: 'UTC' };
    const instant = Date.UTC(year === '-' ? 2000 : Number(year), Number(month) - 1, Number(day));
    return year === '-'
      ? new Intl.DateTimeFormat(locale, options).format(instant)
      : new Intl.DateTimeFormat(locale, { ...options, year: 'numeric' }).format(instant);
  }
  if (/^\d{4}-\d\d-\d\dT/.test(text)) return formatDate(text, locale);
  return text;
}
