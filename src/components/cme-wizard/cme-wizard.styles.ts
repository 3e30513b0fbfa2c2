import { css } from 'lit';

export const wizardStyles = css`
  .loading {
    min-block-size: 15.7rem;
  }
  .urgent {
    padding-inline-start: 1em;
    border-inline-start: 6px solid var(--cme-error-colour, #d4351c);
  }
  .contacts {
    list-style: none;
    padding: 0;
  }
  .contacts li {
    margin-block-end: 1em;
  }
  @media print {
    :host {
      font-size: 12pt;
      color: #000;
    }
    .urgent {
      border-color: #000;
    }
  }
`;
