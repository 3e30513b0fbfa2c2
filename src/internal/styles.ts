import { css } from 'lit';

/**
 * GOV.UK-like defaults shared by every component (no motion rules: nothing here moves). Councils theme them with `--cme-*` custom
 * properties and `::part()`; fonts are inherited from the page.
 */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    max-width: var(--cme-max-width, 40em);
    color: var(--cme-text-colour, #0b0c0c);
    font-family: var(--cme-font-family, inherit);
    font-size: var(--cme-font-size, inherit);
    line-height: var(--cme-line-height, 1.5);
    margin-block-end: var(--cme-space-block, 1.5em);
    overflow-wrap: break-word;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2,
  h3,
  h4,
  h5,
  h6 {
    font-weight: 700;
    line-height: 1.25;
    margin-block: 0 .75em;
  }
  h2 {
    font-size: var(--cme-heading-size, 1.5em);
  }
  h3,
  h4,
  h5,
  h6 {
    font-size: var(--cme-subheading-size, 1.2em);
  }
  p,
  ul,
  ol,
  dl,
  table {
    margin-block: 0 1em;
  }
  ul,
  ol {
    padding-inline-start: 1.25em;
  }
  li {
    margin-block-end: .3em;
  }
  a {
    color: var(--cme-link-colour, #1d70b8);
    text-decoration-thickness: max(1px, .0625rem);
    text-underline-offset: .15em;
  }
  a:visited {
    color: var(--cme-link-visited-colour, #4c2c92);
  }
  a:hover {
    color: var(--cme-link-hover-colour, #003078);
    text-decoration-thickness: max(3px, .1875rem);
  }
  /* GOV.UK focus: yellow with a thick underline; the transparent outline shows in forced colours. */
  a:focus-visible,
  [tabindex]:focus-visible,
  button:focus-visible {
    outline: 3px solid transparent;
    color: var(--cme-focus-text-colour, #0b0c0c);
    background-color: var(--cme-focus-colour, #ffdd00);
    box-shadow:
      0 -2px var(--cme-focus-colour, #ffdd00),
      0 4px var(--cme-focus-text-colour, #0b0c0c);
    text-decoration: none;
  }
  h2:focus,
  h3:focus,
  h4:focus,
  h5:focus,
  h6:focus {
    outline: 3px solid var(--cme-focus-colour, #ffdd00);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px !important;
    block-size: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
  @media (forced-colors: active) {
    a:focus-visible,
    [tabindex]:focus-visible,
    button:focus-visible {
      outline: 3px solid Highlight;
    }
  }
  @media print {
    :host {
      max-width: none;
      color: #000;
      font-size: 12pt;
    }
    a,
    a:visited {
      color: #000;
    }
    section,
    .box,
    li {
      break-inside: avoid;
    }
  }
`;
