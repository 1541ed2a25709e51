import browser from 'webextension-polyfill';

/** A locale message to show: its key in public/_locales and its substitutions, as `t` takes them. */
export interface MessageRef {
  key: string;
  substitutions?: string[];
}

/** A message from public/_locales in the browser's language (English when missing). */
export function t(key: string, substitutions?: string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
