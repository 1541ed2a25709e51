import { useState } from 'preact/hooks';
import type { SharedGroup, SharedUser } from '../save/decision';
import { t } from '../platform/i18n';

// Who an entry is shared with: users and groups, each view-only or with edit rights. Used by the popup's cards and
// by the options page (default sharing of new entries).

export interface Sharing {
  users: SharedUser[];
  groups: SharedGroup[];
}

interface Props {
  /** Prefix for element ids, unique on the page. */
  idPrefix: string;
  sharing: Sharing;
  disabled?: boolean;
  onChange(sharing: Sharing): void;
}

type Row = { kind: 'user' | 'group'; name: string; canEdit: boolean; index: number };

export function SharingEditor({ idPrefix, sharing, disabled, onChange }: Props) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'user' | 'group'>('group');
  const rows: Row[] = [
    ...sharing.groups.map((g, index) => ({ kind: 'group' as const, name: g.name, canEdit: !!g.can_edit, index })),
    ...sharing.users.map((u, index) => ({ kind: 'user' as const, name: u.username, canEdit: !!u.can_edit, index })),
  ];

  const setEdit = (row: Row, canEdit: boolean) => {
    if (row.kind === 'group') onChange({ ...sharing, groups: sharing.groups.map((g, i) => (i === row.index ? { ...g, can_edit: canEdit } : g)) });
    else onChange({ ...sharing, users: sharing.users.map((u, i) => (i === row.index ? { ...u, can_edit: canEdit } : u)) });
  };
  const remove = (row: Row) => {
    if (row.kind === 'group') onChange({ ...sharing, groups: sharing.groups.filter((_, i) => i !== row.index) });
    else onChange({ ...sharing, users: sharing.users.filter((_, i) => i !== row.index) });
  };
  const add = () => {
    const wanted = name.trim();
    if (!wanted) return;
    const known = kind === 'group' ? sharing.groups.some((g) => g.name === wanted) : sharing.users.some((u) => u.username === wanted);
    if (!known) {
      if (kind === 'group') onChange({ ...sharing, groups: [...sharing.groups, { name: wanted, can_edit: false }] });
      else onChange({ ...sharing, users: [...sharing.users, { username: wanted, can_edit: false }] });
    }
    setName('');
  };

  return (
    <div class="sharing-editor" data-testid="sharing">
      {rows.length === 0 ? (
        <p class="muted small">{t('sharingNone')}</p>
      ) : (
        <ul class="sharing-list">
          {rows.map((row) => {
            const rowId = `${idPrefix}-${row.kind}-${row.index}`;
            return (
              <li key={rowId} data-testid="sharing-row" data-kind={row.kind} data-name={row.name}>
                <span class="sharing-name">
                  <span class="tag">{t(row.kind === 'group' ? 'sharingGroup' : 'sharingUser')}</span> {row.name}
                </span>
                <label class="inline" for={`${rowId}-edit`}>
                  <input
                    id={`${rowId}-edit`}
                    type="checkbox"
                    data-testid="sharing-can-edit"
                    checked={row.canEdit}
                    disabled={disabled}
                    onChange={(e) => setEdit(row, e.currentTarget.checked)}
                  />
                  {t('sharingCanEdit')}
                </label>
                <button
                  type="button"
                  class="link"
                  data-testid="sharing-remove"
                  disabled={disabled}
                  aria-label={t('sharingRemoveNamed', [row.name])}
                  onClick={() => remove(row)}
                >
                  {t('sharingRemove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div class="sharing-add">
        <select aria-label={t('sharingKind')} value={kind} disabled={disabled} onChange={(e) => setKind(e.currentTarget.value as 'user' | 'group')} data-testid="sharing-kind">
          <option value="group">{t('sharingGroup')}</option>
          <option value="user">{t('sharingUser')}</option>
        </select>
        <input
          aria-label={t('sharingNewName')}
          placeholder={t('sharingNewName')}
          value={name}
          disabled={disabled}
          data-testid="sharing-name"
          onInput={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" data-testid="sharing-add" disabled={disabled || !name.trim()} onClick={add}>
          {t('sharingAdd')}
        </button>
      </div>
    </div>
  );
}
