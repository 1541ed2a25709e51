import { scanMessages, type ScanSummary } from '../totp/scan-rules';
import { t } from '../platform/i18n';

/** A scan's result in sentences. */
export function scanText(summary: ScanSummary): { ok: boolean; text: string } {
  const { ok, messages } = scanMessages(summary);
  const text = messages
    .map((m) => t(m.key, m.kindKey ? [t(m.kindKey), ...(m.substitutions ?? [])] : m.substitutions))
    .join(' ');
  return { ok, text };
}
