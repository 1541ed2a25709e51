// Content script, injected into every frame of every http(s) page. It only installs a few passive listeners:
// nothing is scanned until the user types, so pages without logins pay next to nothing.
import browser from 'webextension-polyfill';
import type { SubmittedForm } from '../shared/capture';
import type { FormSubmittedMessage } from '../shared/messages';
import { startEngine } from './engine';
import './context-target';

function send(form: SubmittedForm): void {
  const message: FormSubmittedMessage = { type: 'form-submitted', form };
  // The background may be restarting; a lost message is a missed prompt, not an error for the page.
  browser.runtime.sendMessage(message).catch(() => undefined);
}

// The loader can run twice in one frame (extension reload): one engine per document.
const marker = Symbol.for('mysafe-capture');
const flags = document as unknown as Record<symbol, boolean>;
if (!flags[marker]) {
  flags[marker] = true;
  startEngine({ send });
}
