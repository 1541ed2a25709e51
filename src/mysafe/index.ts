export { MySafeClient } from './client';
export { MySafeError, isMySafeError } from './errors';
export type { MySafeErrorKind, MySafeErrorData, ServerMessage } from './errors';
export { checkBaseUrl, isLoopbackHost } from './url';
export { API_TOKEN_PATH, ISO_TOKEN_PATH } from './token';
export type {
  CachedToken,
  Entry,
  EntrySummary,
  EntryUpdate,
  ListFilter,
  MySafeConfig,
  NewEntry,
  SharingGroup,
  SharingUser,
} from './types';
