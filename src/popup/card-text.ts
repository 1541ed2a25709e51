import type { Capture } from '../capture/types';
import type { EntryUpdate } from '../save/decision';
import { t } from '../platform/i18n';
import type { Change, DecisionView, EntrySnapshot } from '../protocol/save';
import type { EntryValues } from '../protocol/ui';

// What a capture card says: its question, and the lines of "what will change" on an update.

const FIELD_LABELS: Record<keyof EntryUpdate, string> = {
  name: 'fieldName',
  url: 'fieldUrl',
  username: 'fieldUsername',
  password: 'fieldPassword',
  secret_key: 'fieldSecret',
  notes: 'fieldNotes',
  tags: 'fieldTags',
  users_allowed: 'sharingUsers',
  groups_allowed: 'sharingGroups',
};

export interface ChangeLine {
  field: keyof EntryUpdate;
  text: string;
}

/** The background's list of changes (it alone sees the entry's password), in words. */
export function changeLines(changes: Change[]): ChangeLine[] {
  return changes.map(({ field, from, to }) => {
    const label = t(FIELD_LABELS[field]);
    if (from === undefined) return { field, text: t('changeChanged', [label]) };
    if (!from) return { field, text: t('changeSet', [label, to || '—']) };
    return { field, text: t('changeFromTo', [label, from, to || '—']) };
  });
}

/** The card's title: what saving will do, in a question. */
export function questionOf(
  capture: Capture,
  decision: DecisionView | undefined,
  values: EntryValues,
  entry: EntrySnapshot | undefined,
  changes: ChangeLine[] | undefined,
): string {
  if (values.target === 'new' || !entry) return t(capture.kind === 'signup' ? 'questionSaveSignup' : 'questionSave');
  const username = entry.username || values.username;
  const preselected = decision?.options[0]?.value === values.target;
  if (preselected && decision?.question === 'signup-existing') return t('questionSignupExisting', [username]);
  if (!changes || changes.some((c) => c.field === 'password')) return t('questionUpdatePassword', [username]);
  return t('questionUpdate', [entry.name]);
}
