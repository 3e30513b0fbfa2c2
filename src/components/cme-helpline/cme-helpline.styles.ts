import { css } from 'lit';

export const helplineStyles = css`
  .box {
    padding: 1em;
    border: 1px solid var(--cme-border-colour, #b1b4b6);
    border-inline-start: 6px solid var(--cme-helpline-closed-colour, #505a5f);
  }
  .box.open {
    border-inline-start-color: var(--cme-helpline-open-colour, #00703c);
  }
  .status,
  .phone,
  dt {
    font-weight: 700;
  }
  .status {
    font-size: 1.1em;
  }
  .phone {
    font-size: 1.2em;
  }
  /* A shape as well as words, so the state never relies on colour (forced colours too: the UA
     sets the border colours there). */
  .status::before {
    content: '';
    display: inline-block;
    inline-size: 0.7em;
    block-size: 0.7em;
    margin-inline-end: 0.4em;
    border: 2px solid;
    border-radius: 50%;
    vertical-align: 0.05em;
  }
  .open .status::before {
    background: currentColor;
  }
  dd {
    margin: 0 0 0.5em;
  }
  @media print {
    .box {
      border-color: #000;
    }
  }
`;
