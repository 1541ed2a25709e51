import { errorMessages } from './error-text';
import { t } from '../platform/i18n';
import type { UiError } from '../errors';

// Errors in words for the extension's pages (the background never needs them, so it does not load this).

/** What `error` means, in the browser's language: the messages error-text.ts picks, one after another. */
export function errorText(error: UiError, context: 'settings' | 'capture'): string {
  return errorMessages(error, context)
    .map((m) => t(m.key, m.substitutions))
    .join(' ');
}
