export { MySafeClient } from './client';
export { MySafeError, isMySafeError } from './errors';
export type { MySafeErrorKind, MySafeErrorData, ServerMessage } from './errors';
export { checkBaseUrl, sameOrigin } from './url';
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
