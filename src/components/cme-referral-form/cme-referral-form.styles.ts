import { css } from 'lit';

/**
 * The referral form's own styles, after `baseStyles` and `formStyles`: full-width text fields
 * and width classes, textareas and selects, list items, the emergency contacts, the "not sent
 * yet" notice, the confirmation panel and the hidden spam trap. Fits 320 px; in forced-colours
 * mode the panel, notice and fields keep visible borders and focus.
 */
export const referralFormStyles = css`
  .label {
    display: block;
    margin-block-end: 0.3em;
  }
  /* Text fields, textareas and selects: the shared text input's border and padding, full width. */
  .field {
    display: block;
    inline-size: 100%;
    background: #fff;
    color: inherit;
  }
  .w10 {
    max-inline-size: 8em;
  }
  .w20 {
    max-inline-size: 16em;
  }
  textarea.field {
    min-block-size: 6em;
    resize: vertical;
  }
  legend {
    font-weight: 700;
    margin-block-end: 0.5em;
  }
  .date legend,
  .choice label {
    font-weight: 400;
  }
  .item {
    margin-block-end: 1.5em;
    padding-block-end: 0.5em;
    border-block-end: 1px solid #b1b4b6;
  }
  .inset,
  .privacy {
    padding-inline-start: 1em;
    margin-block-end: 1.5em;
    border-inline-start: 5px solid #b1b4b6;
  }
  .status {
    font-weight: 700;
  }
  .status:empty {
    margin: 0;
  }
  .panel {
    padding: 1.5em 1em;
    margin-block-end: 1.5em;
    text-align: center;
    color: #fff;
    background: var(--cme-button-colour, #00703c);
    border: 5px solid transparent;
  }
  .panel #h {
    font-size: 2em;
  }
  .panel [tabindex]:focus-visible {
    color: inherit;
    background: none;
    box-shadow: none;
    outline: 3px solid var(--cme-focus-colour, #fd0);
    outline-offset: 4px;
  }
  .reference {
    font-size: 1.5em;
    overflow-wrap: anywhere;
  }
  .summary dd {
    white-space: pre-line;
  }
  /* GOV.UK summary cards on "Check your answers": a title bar with the card's own actions. */
  .card {
    margin-block-end: 1.5em;
    border: 1px solid #b1b4b6;
  }
  .card-title {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0 1em;
    padding: 0.5em 1em;
    background: #f3f2f1;
    border-block-end: 1px solid transparent;
  }
  .card-title > * {
    margin: 0;
  }
  .card .summary {
    margin: 0;
    padding-inline: 1em;
  }
  .card .summary div:last-child {
    border-block-end: 0;
  }
  .hp {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  @media (forced-colors: active) {
    .field,
    .notice,
    .panel {
      border-color: CanvasText;
    }
    input:focus,
    textarea:focus,
    select:focus {
      outline-color: Highlight;
    }
  }
  @media print {
    .panel {
      color: #000;
      background: none;
      border-color: #000;
    }
    .notice {
      display: none;
    }
  }
`;
