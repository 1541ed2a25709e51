// What a save sends to MySafe: a create body, or an update body holding only the changed fields. Pure logic, the same
// for every capture kind: a card sends the fields it edits (a login card all of them, a key card only `secretKey`),
// and a field left out is not touched.
import type { NewEntry } from '../mysafe';
import { diffForUpdate, type EntryDraft, type EntryUpdate, type FullEntryLike, type SharedGroup, type SharedUser } from './decision';
import type { Change } from './types';
import type { EntryValues } from '../capture/types';

export type SavePlan =
  | { method: 'create'; body: NewEntry }
  | { method: 'update'; identifier: string; body: EntryUpdate }
  /** A field MySafe requires for a new entry is empty: nothing is sent. */
  | { method: 'invalid'; field: 'name' | 'username' | 'password' };

/** The card's values as a draft of the entry; only the fields the card holds are set. */
function draftOf(values: Partial<EntryValues>): EntryDraft {
  const draft: EntryDraft = {};
  for (const key of ['name', 'url', 'username', 'password', 'notes', 'tags'] as const) {
    if (values[key] !== undefined) draft[key] = values[key];
  }
  if (values.secretKey !== undefined) draft.secret_key = values.secretKey;
  if (values.users_allowed !== undefined) draft.users_allowed = values.users_allowed;
  if (values.groups_allowed !== undefined) draft.groups_allowed = values.groups_allowed;
  return draft;
}

/**
 * The request for saving `values`: a create when the target is `new`, else an update of `current` (the target entry
 * as just read) with only what differs. An update with an empty body needs no request.
 */
export function planSave(values: Partial<EntryValues> & { target: string }, current?: FullEntryLike): SavePlan {
  const draft = draftOf(values);
  if (values.target !== 'new') {
    if (!current) throw new Error('planSave: an update needs the current entry');
    return { method: 'update', identifier: values.target, body: diffForUpdate(current, draft) };
  }
  const name = draft.name?.trim() ?? '';
  const username = draft.username?.trim() ?? '';
  const password = draft.password ?? '';
  if (!name) return { method: 'invalid', field: 'name' };
  if (!username) return { method: 'invalid', field: 'username' };
  if (!password) return { method: 'invalid', field: 'password' };
  const body: NewEntry = { name, username, password };
  if (draft.url?.trim()) body.url = draft.url.trim();
  if (draft.notes) body.notes = draft.notes;
  if (draft.tags?.trim()) body.tags = cleanTags(draft.tags);
  if (draft.secret_key) body.secret_key = draft.secret_key;
  if (draft.users_allowed?.length) body.users_allowed = draft.users_allowed.map((u) => ({ ...u }));
  if (draft.groups_allowed?.length) body.groups_allowed = draft.groups_allowed.map((g) => ({ ...g }));
  return { method: 'create', body };
}

/** `a, b,,c ` → `a,b,c`. */
function cleanTags(tags: string): string {
  return tags
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean)
    .join(',');
}

const SECRET_FIELDS = new Set(['password', 'secret_key']);

/** The changes an update body makes to `current`, for the popup to list. */
export function describeUpdate(current: FullEntryLike, body: EntryUpdate, editMark = '(edit)'): Change[] {
  const people = (list: readonly SharedUser[] | null | undefined) => sharingText((list ?? []).map((u) => [u.username, u.can_edit]), editMark);
  const groups = (list: readonly SharedGroup[] | null | undefined) => sharingText((list ?? []).map((g) => [g.name, g.can_edit]), editMark);
  return (Object.keys(body) as (keyof EntryUpdate)[]).map((field): Change => {
    if (SECRET_FIELDS.has(field)) return { field };
    if (field === 'users_allowed') return { field, from: people(current.users_allowed), to: people(body.users_allowed) };
    if (field === 'groups_allowed') return { field, from: groups(current.groups_allowed), to: groups(body.groups_allowed) };
    return { field, from: current[field] ?? '', to: body[field] ?? '' };
  });
}

/** `Team (edit), bob`: who an entry is shared with. */
function sharingText(list: [string, boolean | undefined][], editMark: string): string {
  return list.map(([name, canEdit]) => (canEdit ? `${name} ${editMark}` : name)).join(', ');
}
