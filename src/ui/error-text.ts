import type { MessageRef } from '../platform/i18n';
import type { ErrorKind, UiError } from '../errors';

// Which locale message explains an error (public/_locales/*/messages.json). Pure, so the pages and tests share it.

/** Every kind has its words: a new kind without them does not compile. */
const KEYS: Record<ErrorKind, string> = {
  'missing-field': 'errMissingField',
  'not-found': 'errNotFound',
  'no-access': 'errNoAccess',
  inactive: 'errInactive',
  'bad-identifier': 'errBadIdentifier',
  unauthorized: 'errUnauthorized',
  'rejected-credentials': 'errRejectedCredentials',
  'bad-url': 'errBadUrl',
  server: 'errServer',
  gateway: 'errGateway',
  timeout: 'errTimeout',
  offline: 'errOffline',
  'invalid-response': 'errInvalidResponse',
  'invalid-url': 'errInvalidUrl',
  'not-https': 'errNotHttps',
  'not-configured': 'errNotConfigured',
  'missing-values': 'errMissingValues',
  'secret-required': 'errSecretRequired',
  gone: 'errGone',
  interrupted: 'errInterrupted',
  'no-page': 'popupAddSiteFailed',
  'invalid-secret': 'otpErrInvalidSecret',
  unknown: 'errUnknown',
};

/**
 * The messages that explain `error`, in order. In the popup (`context: 'capture'`) a retryable error adds that the
 * login is kept and can be saved again.
 */
export function errorMessages(error: UiError, context: 'settings' | 'capture'): MessageRef[] {
  // A kind from a newer background than this page knows still gets words.
  const key = KEYS[error.kind] ?? 'errUnknown';
  const first: MessageRef = error.kind === 'missing-field' ? { key, substitutions: [error.field ?? '?'] } : { key };
  return context === 'capture' && error.retryable ? [first, { key: 'errKeptRetry' }] : [first];
}
