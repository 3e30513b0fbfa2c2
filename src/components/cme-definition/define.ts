import { define } from '../../internal/define.js';
import { CmeDefinition } from './cme-definition.js';

define('cme-definition', CmeDefinition);

declare global {
  interface HTMLElementTagNameMap {
    'cme-definition': CmeDefinition;
  }
}

export { CmeDefinition };
