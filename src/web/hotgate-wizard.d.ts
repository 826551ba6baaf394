// Types of the <hotgate-wizard> custom element (hotgate-wizard.js).
import type { WizardEvent } from './hotgate.js';

export declare class HotgateWizard extends HTMLElement {
  static observedAttributes: string[];
  /** The mount handle, or null while not mounted. */
  readonly handle: number | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'hotgate-wizard': HotgateWizard;
  }
  interface HTMLElementEventMap {
    'hotgate-change': CustomEvent<WizardEvent>;
    'hotgate-ready': CustomEvent<WizardEvent>;
    'hotgate-mounted': CustomEvent<{ handle: number }>;
    'hotgate-error': CustomEvent<{ message: string; diagnostics: import('./hotgate.js').Diagnostic[] }>;
  }
}
