import { css } from 'lit';

export const wizardStyles = css`
  /* The first question's height on a phone: its level-2 heading wraps to two lines. */
  .loading {
    min-block-size: 18.25rem;
  }
  :host([heading-level]:not([heading-level='2'])) .loading {
    min-block-size: 15.75rem;
  }
  @media (min-width: 40em) {
    .loading {
      min-block-size: 16.4rem;
    }
  }
  .urgent {
    padding-inline-start: 1em;
    border-inline-start: 6px solid var(--cme-error-colour, #d4351c);
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
