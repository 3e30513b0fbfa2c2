import { css } from 'lit';

export const definitionStyles = css`
  section {
    margin-block-end: 1.5em;
  }
  .inset {
    padding: 0.75em 1em;
    border-inline-start: 6px solid var(--cme-inset-border-colour, #b1b4b6);
    margin-block: 0 1.25em;
  }
  .warning {
    font-weight: 700;
  }
  .warning::before {
    content: '! ';
    speak: never;
  }
  ::slotted(*) {
    margin-block-start: 0;
  }
`;
