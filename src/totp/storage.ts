import { typedStorage, type Areas } from '../platform/storage';
import type { ScanSummary } from './scan-rules';

// The keys the authenticator-key capability stores, each with its type and area (the whole schema:
// src/protocol/storage.ts).

export interface TotpKeys {
  /** The last right-click scan per tab, for the popup to show (src/totp/scan.ts). */
  'qr-last-scan': Record<string, { at: number; summary: ScanSummary }>;
}

export const TOTP_AREAS: Areas<TotpKeys> = { 'qr-last-scan': 'session' };

// update() here and the whole schema's (src/protocol/storage.ts) share one queue per key name (src/platform/storage.ts).
export const { read, update } = typedStorage<TotpKeys>(TOTP_AREAS);
