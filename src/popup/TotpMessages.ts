import browser from 'webextension-polyfill';
import type { OtpRequest, OtpResponses } from '../protocol/otp';
import { scanMessages, type ScanSummary } from '../totp/scan-rules';
import { t } from '../platform/i18n';

/** Sends an authenticator-key request to the background and returns its typed answer. */
export function askOtp<R extends OtpRequest>(request: R): Promise<OtpResponses[R['type']]> {
  return browser.runtime.sendMessage(request) as Promise<OtpResponses[R['type']]>;
}

/** A scan's result in sentences. */
export function scanText(summary: ScanSummary): { ok: boolean; text: string } {
  const { ok, messages } = scanMessages(summary);
  const text = messages
    .map((m) => t(m.key, m.kindKey ? [t(m.kindKey), ...(m.substitutions ?? [])] : m.substitutions))
    .join(' ');
  return { ok, text };
}
