import { css } from 'lit';

/**
 * GOV.UK-like form styles shared by `<cme-wizard>` and `<cme-referral-form>` (use after
 * `baseStyles`, which brings link/button focus and `.visually-hidden`): form groups and error
 * groups, hints, error messages and the error summary, radios/checkboxes (`.choice`), text and
 * date inputs, buttons, the back link, the summary list and contact lists. Kept terse for the bundle budgets.
 * Works at 320px; in forced-colours mode the transparent borders and outlines become visible
 * (the GOV.UK technique), so buttons and focus stay visible; nothing animates.
 */
export const formStyles = css`
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
  }
  .group {
    margin-block-end: 1.5em;
  }
  .group-error {
    padding-inline-start: 0.75em;
    border-inline-start: 5px solid var(--cme-error-colour, #d4351c);
  }
  .hint {
    color: var(--cme-secondary-text-colour, #505a5f);
  }
  .hint,
  .error-message,
  .or {
    margin-block: 0 0.75em;
  }
  .error-message,
  .error-summary a {
    color: var(--cme-error-colour, #d4351c);
    font-weight: 700;
  }
  .choice {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    gap: 0 0.6em;
    margin-block-end: 0.6em;
  }
  .choice .hint {
    grid-column: 2;
    margin: 0;
  }
  .choice input {
    inline-size: 1.75em;
    block-size: 1.75em;
    margin: 0;
    accent-color: currentColor;
  }
  .date {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
    margin-block-end: 0.75em;
  }
  .date label {
    display: block;
  }
  [type='text'],
  .field {
    font: inherit;
    inline-size: 3.5em;
    max-inline-size: 100%;
    padding: 0.25em;
    border: 2px solid;
    border-radius: 0;
  }
  .w4 {
    inline-size: 5em;
  }
  .input-error {
    border-color: var(--cme-error-colour, #d4351c);
  }
  input:focus,
  textarea:focus,
  select:focus {
    outline: 3px solid var(--cme-focus-colour, #fd0);
    box-shadow: inset 0 0 0 2px;
  }
  .choice input:focus {
    box-shadow: 0 0 0 6px;
  }
  .button {
    display: inline-block;
    font: inherit;
    line-height: 1.25;
    text-decoration: none;
    cursor: pointer;
    margin: 0 1em 1.5em 0;
    padding: 0.5em 0.75em 0.4em;
    border: 2px solid transparent;
    border-radius: 0;
    color: #fff;
    background: var(--cme-button-colour, #00703c);
    box-shadow: 0 2px #002d18;
  }
  .button:hover {
    background: #005a30;
  }
  a.button {
    color: #fff;
  }
  .secondary,
  .secondary:hover {
    color: inherit;
    background: #f3f2f1;
    box-shadow: 0 2px #929191;
  }
  .button:focus-visible {
    color: #0b0c0c;
    background: var(--cme-focus-colour, #fd0);
    box-shadow: 0 2px #0b0c0c;
  }
  a[href='#'] {
    color: var(--cme-link-colour, #1d70b8);
  }
  a.back-link {
    display: inline-block;
    margin-block-end: 1em;
    color: inherit;
  }
  .back-link::before {
    content: '';
    display: inline-block;
    inline-size: 0.4em;
    block-size: 0.4em;
    margin-inline: 0.15em 0.35em;
    vertical-align: 0.05em;
    border: solid;
    border-width: 2px 0 0 2px;
    rotate: -45deg;
  }
  /* The error summary, and the form's "not sent yet" notice that looks like it. */
  .error-summary,
  .notice {
    padding: 1em;
    margin-block-end: 1.5em;
    border: 5px solid var(--cme-error-colour, #d4351c);
  }
  .error-summary:focus,
  .notice:focus {
    outline: 3px solid var(--cme-focus-colour, #fd0);
    color: inherit;
    background: none;
    box-shadow: none;
  }
  .error-summary ul,
  .contacts {
    list-style: none;
    padding: 0;
  }
  .summary div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
    padding-block: 0.5em;
    border-block-end: 1px solid #b1b4b6;
  }
  .summary dt {
    font-weight: 700;
    flex: 1 1 14em;
  }
  .summary dd {
    margin: 0;
    flex: 1 1 10em;
  }
  .summary .act {
    flex: 0 0 auto;
  }
  @media print {
    .button,
    .back-link,
    .act {
      display: none;
    }
  }
`;
