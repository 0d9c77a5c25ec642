/// <reference types="vite/client" />
import type { AltchaGlobal } from 'altcha/types';
import type { AltchaWidgetElement } from 'altcha/external';

// The package's own global declarations use extensionless relative imports,
// which NodeNext resolution does not follow; declared here instead.
declare global {
  var $altcha: AltchaGlobal;
  interface HTMLElementTagNameMap {
    'altcha-widget': AltchaWidgetElement;
  }
}
