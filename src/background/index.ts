import browser, { type Runtime } from 'webextension-polyfill';
import { isContentMessage } from '../protocol/content';
import { isOtpRequest } from '../protocol/otp';
import { isSaveRequest } from '../protocol/save';
import { isUiRequest } from '../protocol/ui';
import { refreshBadge } from '../capture/store';
import { onFormSubmitted } from '../capture/submitted';
import { register as registerRefusedLoginWatch } from '../capture/refused-login';
import { onUiRequest } from '../save/page-requests';
import { onOtpRequest } from '../totp/scan';
import { register as registerSaveRetries } from '../save/save';
import { onSaveRequest } from '../save/requests';
import '../totp/context-menu';

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


browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status) refreshBadge(tabId).catch(() => {});
});

registerRefusedLoginWatch();
// Saves queued while MySafe could not be reached are tried again (src/save/save.ts).
registerSaveRetries();
