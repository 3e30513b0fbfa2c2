import { define } from '../../internal/define.js';
import { CmeHelpline } from './cme-helpline.js';

define('cme-helpline', CmeHelpline);

declare global {
  interface HTMLElementTagNameMap {
    'cme-helpline': CmeHelpline;
  }
}

export { CmeHelpline };
