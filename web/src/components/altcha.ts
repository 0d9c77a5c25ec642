// The ALTCHA widget, loaded only by pages with a bot check. The "external" build
// brings no inline styles and no blob: workers, so the strict CSP stands: the
// styles are a stylesheet of ours and the proof-of-work worker a file of ours.
import 'altcha/external';
import 'altcha/altcha.css';
import Pbkdf2Worker from 'altcha/workers/pbkdf2?worker';

// The only algorithm the API's challenges use (services/bot-check.ts).
globalThis.$altcha.algorithms.set('PBKDF2/SHA-256', () => new Pbkdf2Worker());

// Plain words in GOV.UK's voice, and nothing that links away.
globalThis.$altcha.i18n.set('en', {
  ...globalThis.$altcha.i18n.get('en'),
  label: 'I am not a robot',
  verifying: 'Checking…',
  verified: 'Checked: you are not a robot',
  error: 'The check did not work. Tick the box to try again.',
  expired: 'The check has expired. Tick the box to do it again.',
  verificationRequired: 'Tick the box to show you are not a robot',
  footer: '',
});
