// The browser's own "Save password?" prompt, through the privacy API (privacy.services.passwordSavingEnabled, in
// Chromium and Firefox). Turned off, MySafe Capture's popup is the only one to ask after a sign-in. Nothing is
// registered at import: the options page calls these when the person uses the switch.
import browser from 'webextension-polyfill';
import type { MessageRef } from './i18n';

/** The browser's answer for a privacy setting (types.BrowserSetting.get). */
export interface SettingDetails {
  value: unknown;
  levelOfControl: string;
}

export interface BrowserSaving {
  /** Whether the browser's own password saving is off: MySafe Capture asks instead (the switch is on). */
  askInstead: boolean;
  /** Whether this extension may change it now. */
  changeable: boolean;
  /** Why the switch cannot do what it shows, or what else keeps the browser quiet; undefined when nothing. */
  note?: MessageRef;
}

/** What the browser's answer means for the switch. Pure: the words are message keys of public/_locales. */
export function describeBrowserSaving(details: SettingDetails): BrowserSaving {
  const askInstead = details.value === false;
  switch (details.levelOfControl) {
    case 'controlled_by_this_extension':
      return { askInstead, changeable: true };
    case 'controllable_by_this_extension':
      // Off, but not by us: the person turned it off in the browser's settings, and clearing ours would not turn it on.
      return askInstead ? { askInstead, changeable: false, note: { key: 'browserSavingOffInBrowser' } } : { askInstead, changeable: true };
    case 'controlled_by_other_extensions':
      return { askInstead, changeable: false, note: { key: 'browserSavingOtherExtension' } };
    case 'not_controllable':
      return { askInstead, changeable: false, note: { key: 'browserSavingPolicy' } };
    default:
      return { askInstead, changeable: false, note: { key: 'browserSavingUnavailable' } };
  }
}

/** The setting, where the browser has it (undefined when the privacy API or the permission is missing). */
function setting() {
  return browser.privacy?.services?.passwordSavingEnabled;
}

/** What the switch shows now. */
export async function readBrowserSaving(): Promise<BrowserSaving> {
  const current = setting();
  if (!current) return describeBrowserSaving({ value: undefined, levelOfControl: 'unavailable' });
  return describeBrowserSaving(await current.get({}));
}

/**
 * On: the browser's password saving is turned off by this extension. Off: this extension's setting is cleared, which
 * gives the browser back its own (the person's) choice. Returns what the switch shows afterwards.
 */
export async function setAskInstead(askInstead: boolean): Promise<BrowserSaving> {
  const current = setting();
  if (current) {
    if (askInstead) await current.set({ value: false });
    else await current.clear({});
  }
  return readBrowserSaving();
}
