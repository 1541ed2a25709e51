import browser from 'webextension-polyfill';

/** A message from public/_locales in the browser's language (English when missing). */
export function t(key: string, substitutions?: string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
