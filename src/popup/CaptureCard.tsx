import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Capture } from '../capture/types';
import { defaultEntryName } from '../capture/source';
import { errorText } from '../ui/error-words';
import { t } from '../platform/i18n';
import { hostOf, isInsecure } from '../platform/origin';
import type { DecisionView, EntrySnapshot } from '../protocol/save';
import { ask } from '../protocol/send';
import type { EntryValues, UiError } from '../protocol/ui';
import { changeLines, othersText, questionOf, type ChangeLine } from './card-text';
import { shownTargets } from './target-search';
import { SharingEditor, type Sharing } from '../ui/SharingEditor';
import { lazy } from './lazy';
import { useCardActions, type CardStatus } from './useCardActions';

/** A scanned key put on this login (TotpCode.tsx), loaded only when a card has one. */
const TotpAttachment = lazy(() => import('./TotpCode').then((m) => m.TotpAttachment));

/** Wait after an edit before asking what the update would change. */
const PREVIEW_DELAY_MS = 120;

const KIND_TITLES: Record<Capture['kind'], string> = {
  login: 'kindLogin',
  signup: 'kindSignup',
  change: 'kindChange',
  totp: 'kindTotp',
};

function statusText(status: CardStatus): string {
  if (status.state === 'saving') return t('captureSaving');
  if (status.state === 'saved') return t('captureSaved');
  return errorText(status.error, 'capture');
}

/** The card's values for a new entry: the capture's, with the user's defaults. */
export function initialValues(capture: Capture, defaults?: DecisionView['defaults']): EntryValues {
  return {
    name: defaultEntryName(capture.url),
    url: capture.url,
    username: capture.username,
    password: capture.password,
    notes: '',
    tags: defaults?.tags ?? '',
    target: 'new',
    users_allowed: defaults?.users.map((u) => ({ ...u })) ?? [],
    groups_allowed: defaults?.groups.map((g) => ({ ...g })) ?? [],
  };
}

/** Values for updating `entry`: its own name, URL, notes, tags and sharing; the captured username and password. */
function valuesFor(entry: EntrySnapshot, current: EntryValues, capture: Capture): EntryValues {
  return {
    ...current,
    target: entry.identifier,
    name: entry.name,
    url: entry.url,
    username: capture.username.trim() ? current.username : entry.username,
    notes: entry.notes,
    tags: entry.tags,
    users_allowed: entry.users_allowed.map((u) => ({ ...u })),
    groups_allowed: entry.groups_allowed.map((g) => ({ ...g })),
  };
}

interface Props {
  capture: Capture;
  onDismissed(id: string): void;
  /** Called once the card has painted its first content (for the popup's performance mark). */
  onPainted?(): void;
}

/** One pending capture: the question, its values (editable), where it goes, what changes, and the actions. */
export function CaptureCard({ capture, onDismissed, onPainted }: Props) {
  const [values, setValues] = useState<EntryValues>(() => initialValues(capture));
  const [decision, setDecision] = useState<DecisionView | undefined>();
  const [decisionError, setDecisionError] = useState<UiError | undefined>();
  const [snapshots, setSnapshots] = useState<Record<string, EntrySnapshot>>({});
  const [revealed, setRevealed] = useState(false);
  const [copied, setCopied] = useState(false);
  const [query, setQuery] = useState('');
  const { status, setStatus, saved, save: send, dismiss } = useCardActions(capture, { onDismissed });
  // The fields the user edited: a late answer from MySafe fills in the others only.
  const edited = useRef(new Set<keyof EntryValues>());
  const id = (field: string) => `${field}-${capture.id}`;
  const target = values.target;
  const entry = target === 'new' ? undefined : snapshots[target];

  useLayoutEffect(() => onPainted?.(), []);

  useEffect(() => {
    let live = true;
    ask({ type: 'capture-decision', id: capture.id })
      .then((result) => {
        if (!live) return;
        if (!result.ok) {
          if (result.error.kind !== 'gone') setDecisionError(result.error);
          return;
        }
        const view = result.value;
        // MySafe already holds this login: the background dropped it; nothing to ask. (Unless a scanned key waits on
        // it: then the entry that holds the login is preselected, and only the key is sent.)
        if (view.action === 'none' && !capture.totp) return onDismissed(capture.id);
        setDecision(view);
        setSnapshots(view.entries);
        const preselected = view.options[0]?.value ?? 'new';
        // An entry the decision did not read (a sixth duplicate): read it before filling the card from it.
        if (preselected !== 'new' && !view.entries[preselected]) return chooseTarget(preselected);
        setValues((current) => {
          const fresh = initialValues(capture, view.defaults);
          const snapshot = view.entries[preselected];
          const decided = snapshot ? valuesFor(snapshot, fresh, capture) : fresh;
          const kept = Object.fromEntries([...edited.current].map((key) => [key, current[key]]));
          return { ...decided, ...kept };
        });
      })
      .catch(() => live && setDecisionError({ kind: 'unknown' }));
    return () => {
      live = false;
    };
  }, [capture.id]);

  // What an update would change, as the background computes it (it alone sees the entry's password); asked again
  // shortly after each edit, and only the latest answer is shown.
  const [changes, setChanges] = useState<ChangeLine[] | undefined>();
  const previewRequest = useRef(0);
  useEffect(() => {
    const request = ++previewRequest.current;
    if (target === 'new' || saved) return setChanges(undefined);
    const timer = setTimeout(() => {
      ask({ type: 'preview-update', id: capture.id, values })
        .then((result) => request === previewRequest.current && setChanges(result.ok ? changeLines(result.value) : undefined))
        .catch(() => {});
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [values, saved]);

  const edit = (change: Partial<EntryValues>) => {
    for (const key of Object.keys(change) as (keyof EntryValues)[]) edited.current.add(key);
    setValues((current) => ({ ...current, ...change }));
  };

  const text = (key: 'name' | 'url' | 'username' | 'password' | 'notes' | 'tags') => ({
    id: id(key),
    value: values[key],
    disabled: saved,
    onInput: (e: Event) => edit({ [key]: (e.currentTarget as HTMLInputElement).value }),
  });

  /** A new entry instead of the picked one: fresh values, keeping the username, password and notes typed. */
  const asNew = (current: EntryValues): EntryValues => ({
    ...initialValues(capture, decision?.defaults),
    username: current.username,
    password: current.password,
    notes: current.notes,
  });

  const chooseTarget = async (value: string) => {
    if (value === 'new') {
      setValues(asNew);
      return;
    }
    const known = snapshots[value];
    if (known) return setValues((current) => valuesFor(known, current, capture));
    setValues((current) => ({ ...current, target: value }));
    const result = await ask({ type: 'entry-snapshot', id: capture.id, identifier: value });
    if (result.ok) {
      setSnapshots((all) => ({ ...all, [value]: result.value }));
      setValues((current) => (current.target === value ? valuesFor(result.value, current, capture) : current));
    } else {
      setStatus({ state: 'error', error: result.error });
    }
  };

  const save = (override?: Partial<EntryValues>) =>
    send(() => {
      const toSave = { ...values, ...override };
      if (override) setValues(toSave);
      // A key scanned from the site's QR code while this login was pending is saved with it.
      const withKey = capture.totp ? { ...toSave, secretKey: capture.totp.secret } : toSave;
      return ask({ type: 'save-capture', id: capture.id, values: withKey });
    });

  const never = async () => {
    await ask({ type: 'never-site', id: capture.id });
    onDismissed(capture.id);
  };

  const copy = async () => {
    await navigator.clipboard.writeText(values.password).catch(() => {});
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };

  const sharing: Sharing = { users: values.users_allowed ?? [], groups: values.groups_allowed ?? [] };
  const sharedCount = sharing.users.length + sharing.groups.length;
  const error = status?.state === 'error' || status?.state === 'queued' ? status.error : undefined;
  const queued = status?.state === 'queued';
  const updateRefused = !!error && target !== 'new' && (error.kind === 'not-found' || error.kind === 'no-access');
  const crossOrigin = capture.origin !== capture.topOrigin;
  const more = decision?.more ?? [];
  const shown = shownTargets(decision?.options ?? [{ value: 'new' }], more, query, target);

  return (
    <section
      class="capture"
      data-testid="capture"
      data-kind={capture.kind}
      data-origin={capture.origin}
      data-target={target}
      aria-labelledby={id('title')}
    >
      <header class="card-head">
        <h2 id={id('title')} data-testid="capture-question">
          {questionOf(capture, decision, values, entry, changes)}
        </h2>
        <p class="site">
          <span class="kind">{t(KIND_TITLES[capture.kind])}</span>
          <span class="origin" data-testid="capture-site" title={capture.origin}>
            {hostOf(capture.origin)}
          </span>
        </p>
        {crossOrigin && (
          <p class="notice" role="note" data-testid="capture-frame-warning">
            {t('captureCrossOrigin', [hostOf(capture.origin), hostOf(capture.topOrigin)])}
          </p>
        )}
        {isInsecure(capture.origin) && (
          <p class="notice" role="note" data-testid="capture-not-secure">
            {t('captureNotSecure', [hostOf(capture.origin)])}
          </p>
        )}
      </header>

      <div class="target-row">
        <label for={id('target')}>{t('fieldTarget')}</label>
        <select data-testid="capture-target" id={id('target')} value={target} disabled={saved} onChange={(e) => chooseTarget(e.currentTarget.value)}>
          {shown.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.value === 'new' ? t('targetNew') : t('targetUpdate', [option.name ?? '', option.username || '—'])}
            </option>
          ))}
        </select>
      </div>
      {more.length > 0 && (
        <div class="target-row">
          <label for={id('target-search')}>{t('targetSearchLabel', [String(more.length)])}</label>
          <input
            type="search"
            data-testid="capture-target-search"
            id={id('target-search')}
            placeholder={t('targetSearchPlaceholder')}
            autocomplete="off"
            value={query}
            disabled={saved}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </div>
      )}
      {shown.found !== undefined && (
        <p class="muted small" role="status" data-testid="capture-target-found">
          {shown.found ? t('targetSearchFound', [String(shown.found)]) : t('targetSearchNone')}
        </p>
      )}
      {decision?.others && target === 'new' && (
        <p class="muted small" data-testid="capture-others">
          {othersText(decision.others)}
        </p>
      )}
      {decision?.choose && (
        <p class="hint small" data-testid="capture-choose">
          {t('chooseTarget')}
        </p>
      )}
      {!decision && !decisionError && <p class="muted small">{t('questionChecking')}</p>}
      {decisionError && (
        <p class="muted small" data-testid="capture-decision-error">
          {t('decisionFailed')}
        </p>
      )}

      <div class="fields">
        <label for={id('name')}>{t('fieldName')}</label>
        <input data-testid="capture-name" {...text('name')} />
        <label for={id('url')}>{t('fieldUrl')}</label>
        <input data-testid="capture-url" type="url" {...text('url')} />
        <label for={id('username')}>{t('fieldUsername')}</label>
        <input data-testid="capture-username" autocomplete="off" {...text('username')} />
        <label for={id('password')}>{t('fieldPassword')}</label>
        <div class="with-button">
          <input data-testid="capture-password" type={revealed ? 'text' : 'password'} autocomplete="off" spellcheck={false} {...text('password')} />
          <button
            type="button"
            data-testid="capture-reveal"
            aria-pressed={revealed}
            aria-controls={id('password')}
            aria-label={revealed ? t('hidePasswordLabel') : t('showPasswordLabel')}
            onClick={() => setRevealed(!revealed)}
          >
            {revealed ? t('hidePassword') : t('showPassword')}
          </button>
          <button type="button" data-testid="capture-copy" aria-label={t('copyPasswordLabel')} onClick={copy} disabled={!values.password}>
            {copied ? t('captureCopied') : t('captureCopy')}
          </button>
        </div>
        <label for={id('notes')}>{t('fieldNotes')}</label>
        <textarea data-testid="capture-notes" rows={1} {...text('notes')} />
        <label for={id('tags')}>{t('fieldTags')}</label>
        <input data-testid="capture-tags" placeholder={t('fieldTagsHint')} {...text('tags')} />
      </div>

      <details class="sharing" data-testid="capture-sharing">
        <summary>{sharedCount ? t('sharingSummary', [String(sharedCount)]) : t('sharingSummaryNone')}</summary>
        <SharingEditor
          idPrefix={id('share')}
          sharing={sharing}
          disabled={saved}
          onChange={(next) => edit({ users_allowed: next.users, groups_allowed: next.groups })}
        />
      </details>

      {capture.totp && <TotpAttachment totp={capture.totp} />}

      {changes && !saved && (
        <div class="changes" data-testid="capture-changes">
          <h3>{t('changesTitle')}</h3>
          {changes.length === 0 ? (
            <p class="muted small">{t('changeNone')}</p>
          ) : (
            <ul>
              {changes.map((line) => (
                <li key={line.field} data-field={line.field}>
                  {line.text}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {saved && (
        <div class="actions">
          <button class="primary" type="button" data-testid="capture-done" onClick={dismiss}>
            {t('captureDone')}
          </button>
        </div>
      )}
      {!saved && (
        <div class="actions">
          <button class="primary" type="button" data-testid="capture-save" onClick={() => save()} disabled={status?.state === 'saving'}>
            {target === 'new' ? t('captureSave') : t('captureUpdate')}
          </button>
          <button type="button" data-testid="capture-dismiss" onClick={dismiss} disabled={status?.state === 'saving'}>
            {t('captureDismiss')}
          </button>
          <button type="button" class="link never" data-testid="capture-never" onClick={never} disabled={status?.state === 'saving'}>
            {t('captureNever')}
          </button>
        </div>
      )}
      <p class="status" role="status" aria-live="polite" data-testid="capture-status" data-state={status?.state}>
        {status ? statusText(status) : ''}
      </p>
      {queued && (
        <p class="muted small" data-testid="capture-will-retry">
          {t('captureWillRetry')}
        </p>
      )}
      {error && !saved && (error.retryable || updateRefused) && (
        <div class="actions">
          {error.retryable && (
            <button type="button" data-testid="capture-retry" onClick={() => save()}>
              {t('captureRetry')}
            </button>
          )}
          {updateRefused && (
            <button type="button" class="primary" data-testid="capture-save-new" onClick={() => save(asNew(values))}>
              {t('captureSaveAsNew')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
