import type { Capture } from '../capture/types';
import type { EntryUpdate } from '../save/decision';
import { t } from '../platform/i18n';
import type { Change, DecisionView, EntrySnapshot } from '../save/types';
import type { EntryValues } from '../capture/types';

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

/** The card's title: what saving will do, in a question. `kind`: the capture's, as the card shows it (the user may have changed it). */
export function questionOf(
  kind: Capture['kind'],
  decision: DecisionView | undefined,
  values: EntryValues,
  entry: EntrySnapshot | undefined,
  changes: ChangeLine[] | undefined,
): string {
  if (values.target === 'new' || !entry) return t(kind === 'signup' ? 'questionSaveSignup' : 'questionSave');
  const username = entry.username || values.username;
  const preselected = decision?.options[0]?.value === values.target;
  // The background's question ('signup-existing' for a sign-up's entry to update) follows the capture's kind; the card
  // follows the kind it shows, which the user may have changed.
  if (preselected && kind === 'signup' && decision?.action === 'update') return t('questionSignupExisting', [username]);
  if (!changes || changes.some((c) => c.field === 'password')) return t('questionUpdatePassword', [username]);
  return t('questionUpdate', [entry.name]);
}

/** What a finished card says it did: "Saved to MySafe as “Demo Mail”", "Password updated", "“Shop” updated in MySafe". */
export function outcomeOf(values: EntryValues, changes: ChangeLine[] | undefined): string {
  if (values.target === 'new') return t('savedAs', [values.name]);
  if (!changes || changes.some((c) => c.field === 'password')) return t('savedPassword');
  return t('savedEntry', [values.name]);
}

/** Application names listed by name before "and N more". */
const OTHERS_NAMED = 3;

/** "alice also has entries for wiki, crm and 3 more on corp.example.": the username's entries of other applications. */
export function othersText(others: NonNullable<DecisionView['others']>): string {
  const locale = t('@@ui_locale').replace('_', '-') || 'en';
  const names = others.names.slice(0, OTHERS_NAMED);
  const rest = others.names.length - names.length;
  if (rest > 0) names.push(t('othersMore', [rest.toLocaleString(locale)]));
  const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
  return others.domain ? t('othersOnDomain', [others.username, list, others.domain]) : t('othersElsewhere', [others.username, list]);
}
