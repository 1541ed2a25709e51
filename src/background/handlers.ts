import { onFormSkipped, onFormSubmitted } from './submitted';
import { whyReport } from '../capture/why-record';
import { saveHandlers } from './save-handlers';
import { addManualKey, saveKey, scanTab, takeLastScan } from '../totp/scan';
import type { RouterHandlers } from './router';

// Every message the background answers, by who may send it (src/protocol/messages.ts): the maps must hold exactly
// the table's types for each sender, or this does not compile.
export const backgroundHandlers = {
  content: {
    'form-submitted': async (message, sender) => onFormSubmitted(message, sender),
    'form-skipped': async (message, sender) => onFormSkipped(message, sender),
  },
  page: {
    ...saveHandlers,
    'otp-scan-tab': ({ tabId }) => scanTab(tabId),
    'otp-add-manual': ({ tabId, text }) => addManualKey(tabId, text),
    'otp-save': ({ id, values }) => saveKey(id, values),
    'otp-last-scan': ({ tabId }) => takeLastScan(tabId),
    'why-report': async ({ tabId, withForms }) => whyReport(tabId, withForms === true),
  },
} satisfies RouterHandlers;
