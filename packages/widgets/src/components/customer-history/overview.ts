import { html, type TemplateResult } from 'lit';
import type { Customer } from '../../client.js';
import { messages } from '../../messages.js';

type Field = [label: string, value: string | TemplateResult | null | undefined];

/**
 * The Overview tab: what the customer record holds that the hero card doesn't — personal dates
 * as day and month (the year, when recorded, doesn't matter for the next one), preferences and
 * contact, in three cards, then `documents` (the documents card, which loads later). Drawn by
 * the history element itself, since it is the first paint. `undefined` draws the cards with
 * ghost values while the record loads.
 */
export function renderOverview(
  c: Customer | undefined,
  locale: string | undefined,
  documents: unknown,
): TemplateResult {
  const m = messages();
  const address = c?.address;
  const dayMonth = (value: string | null | undefined) => formatDayMonth(value, locale);
  const cards: [string, Field[]][] = [
    [
      m.personalDates,
      [
        [m.birthday, dayMonth(c?.birthday)],
        [m.anniversary, dayMonth(c?.anniversary)],
        [m.spouseName, c?.spouse_name],
        [m.spouseBirthday, dayMonth(c?.spouse_birthday)],
      ],
    ],
    [
      m.preferencesCard,
      [
        [m.metal, c?.preferred_metal && (m.metals[c.preferred_metal] ?? c.preferred_metal)],
        [m.goldPreference, c?.gold_preference],
        [m.ringSize, c?.ring_size],
        [m.wristSize, c?.wrist_size],
        [m.allergies, c?.allergies.join(', ')],
        [
          m.communicationPreference,
          c?.communication_preference &&
            (m.communicationPreferences[c.communication_preference] ?? c.communication_preference),
        ],
      ],
    ],
    [
      m.contactCard,
      [
        [m.email, c?.email && breakableEmail(c.email)],
        [m.mobile, c?.mobile],
        [m.phone, c?.phone],
        // As it is written on an envelope: the street, then the town line.
        [
          m.address,
          address &&
            html`${[address.line1, address.line2].filter(Boolean).join(', ')}<br />${[
              address.suburb,
              address.state,
              address.postcode,
            ]
              .filter(Boolean)
              .join(' ')}`,
        ],
        [m.source, c?.source],
      ],
    ],
  ];
  const ghost = html`<span part="skeleton" class="ghost w2">&nbsp;</span>`;
  return html`<div class="cards">
    ${cards.map(
      ([title, fields]) => html`<section part="card" class="card">
        <h3>${title}</h3>
        <dl>
          ${fields.map(
            ([label, value]) =>
              html`<dt>${label}</dt><dd>${
                c
                  ? value || html`<span class="muted">${m.notRecorded}</span>`
                  : label === m.address
                    ? html`${ghost}<br />${ghost}`
                    : ghost
              }</dd>`,
          )}
        </dl>
      </section>`,
    )}${documents}
  </div>`;
}

/** A long email breaks after its @ rather than anywhere. */
function breakableEmail(email: string) {
  const at = email.indexOf('@') + 1;
  return at ? html`${email.slice(0, at)}<wbr />${email.slice(at)}` : email;
}

/** `--03-28` or `1988-03-28` → `28 March`: the day and month, never the year. */
function formatDayMonth(value: string | null | undefined, locale: string | undefined) {
  const match = value && /-(\d\d)-(\d\d)$/.exec(value);
  if (!match) return value;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    Date.UTC(2000, Number(match[1]) - 1, Number(match[2])),
  );
}
