import { css } from 'lit';

const customerAuditStyles = css`
  h2 {
    margin: 0 0 0.75rem;
    font-size: 1.125rem;
  }
  ol,
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .entry {
    padding: 0.75rem 0;
    border-top: 1px solid var(--_border);
    overflow-wrap: anywhere;
  }
  .who {
    margin: 0 0 0.25rem;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .action {
    color: var(--_text);
    font-weight: 600;
  }
  .changes li {
    padding-inline-start: 0.75rem;
  }
  .pagination {
    display: flex;
    gap: 0.5rem;
    justify-content: flex-end;
    margin-top: 0.75rem;
  }
`;

export default customerAuditStyles;
