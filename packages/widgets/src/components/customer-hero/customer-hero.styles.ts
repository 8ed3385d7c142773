import { css } from 'lit';

const customerHeroStyles = css`
  .header {
    display: flex;
    gap: var(--_space);
    align-items: flex-start;
  }
  .avatar {
    flex: none;
    display: grid;
    place-items: center;
    width: 3.5rem;
    height: 3.5rem;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
    font-size: 1.25rem;
  }
  .identity {
    min-width: 0;
  }
  .name {
    margin: 0;
    font-size: 1.375rem;
    overflow-wrap: anywhere;
  }
  .pills,
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    list-style: none;
    margin: 0.375rem 0;
    padding: 0;
  }
  .pill,
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 0.125rem 0.625rem;
    font-size: 0.875rem;
    background: var(--_subtle);
  }
  .vip {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .since,
  .chip-label {
    color: var(--_muted);
  }
  .since {
    margin: 0;
    font-size: 0.875rem;
  }
  .alert {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0.75rem 0 0;
    padding: 0.5rem 0.75rem;
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
    background: var(--_danger-bg);
    color: var(--_danger);
    font-size: 1rem;
  }
  .layby {
    border-color: var(--_warning);
    background: var(--_warning-bg);
    color: var(--_warning);
    font-weight: 600;
  }
  .allergy svg {
    width: 1.25em;
    height: 1.25em;
  }
  .contact {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin: 0.75rem 0;
    overflow-wrap: anywhere;
  }
  .contact a:not(.button) {
    color: inherit;
  }
  /* Flex, not a grid: a stat alone on its row takes the row, so at phone width the last visit
     ("14 Feb 2026") fits on one line as in the skeleton instead of wrapping in half a row. */
  .stats {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin: var(--_space) 0 0;
  }
  .stat {
    flex: 1 1 9rem;
    min-width: 0;
    background: var(--_subtle);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem;
  }
  .stat dt {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .stat dd {
    margin: 0.25rem 0 0;
    font-size: 1.25rem;
    font-weight: 600;
  }
  .featured {
    border: 2px solid var(--_accent);
  }
  .featured dd {
    font-size: 1.5rem;
  }
  .ghost.avatar,
  .ghost.pill,
  .ghost.chip {
    background: var(--_skeleton);
  }
`;

export default customerHeroStyles;
