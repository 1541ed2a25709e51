import browser, { type Runtime } from 'webextension-polyfill';
import { isContentMessage } from '../shared/messages';
import { isOtpRequest } from '../shared/otp-messages';
import { isSaveRequest } from '../shared/save-messages';
import { isUiRequest } from '../shared/ui-messages';
import { refreshBadge } from './captures';
import { onFormSubmitted } from './content-messages';
import { onUiRequest } from './ui-messages';
import { onOtpRequest } from './qr-scan';
import { onRetryAlarm } from './save';
import { onSaveRequest } from './save-requests';
import './context-menu';

// The service worker: routes messages by who sent them, and keeps the toolbar badge in step with pending captures.

function fromExtensionPage(sender: Runtime.MessageSender): boolean {
  return !!sender.url && sender.url.startsWith(browser.runtime.getURL(''));
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (fromExtensionPage(sender)) {
    if (isOtpRequest(message)) return onOtpRequest(message);
    if (isSaveRequest(message)) return onSaveRequest(message);
    return isUiRequest(message) ? onUiRequest(message) : undefined;
  }
  if (sender.tab && isContentMessage(message)) {
    onFormSubmitted(message, sender).catch((error) => console.warn('capture not kept:', (error as Error).message));
  }
  return undefined;
});

// Saves queued while MySafe could not be reached are tried again (src/background/save.ts).
browser.alarms.onAlarm.addListener(onRetryAlarm);

browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status) refreshBadge(tabId).catch(() => {});
});
