import { html } from 'lit';

// Icons decorate text that already says the same thing, so they are hidden from assistive tech.

/** A warning triangle, for the allergy chip and errors. */
export const warningIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M1 21h22L12 2 1 21zm12-3h-2v-2h2v2zm0-4h-2v-4h2v4z"/></svg>`;

/** A star, for the VIP pill. */
export const starIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 17.3 18.2 21l-1.6-7L22 9.2l-7.2-.6L12 2 9.2 8.6 2 9.2 7.5 14l-1.7 7z"/></svg>`;

/** An envelope, for Send email. */
export const mailIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M20 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2zm0 4-8 5-8-5V6l8 5 8-5v2z"/></svg>`;
