import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Capture } from '../capture/types';
import { errorText } from '../ui/error-words';
import { t } from '../platform/i18n';
import { hostOf, isInsecure } from '../platform/origin';
import type { DecisionView, EntrySnapshot } from '../save/types';
import { ask } from '../protocol/send';
import type { EntryValues } from '../capture/types';
import type { UiError } from '../errors';
import { changeLines, othersText, outcomeOf, questionOf, type ChangeLine } from './card-text';
import { shownTargets } from './target-search';
import { SharingEditor, type Sharing } from '../ui/SharingEditor';
import { lazy } from './lazy';
import { useCardActions, type CardStatus } from './useCardActions';
import { CardActions } from './CardActions';
import { WhichNewPassword } from './WhichNewPassword';
import { LoginOrNewAccount } from './LoginOrNewAccount';

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

/** The status line; `outcome`: what this card's own save did, when it made one. */
function statusText(status: CardStatus, outcome: string | undefined): string {
  if (status.state === 'saving') return t('captureSaving');
  if (status.state === 'saved') return outcome ?? t('captureSaved');
  return errorText(status.error, 'capture');
}

/** The capture's site as a person names it: MySafe's answer says it (src/platform/site.ts); until then, its host. */
const siteOf = (capture: Capture, decision?: DecisionView) => decision?.site || hostOf(capture.origin);

/** The card's values for a new entry: the capture's, named after its site, with the user's defaults. */
function initialValues(capture: Capture, decision?: DecisionView): EntryValues {
  const defaults = decision?.defaults;
  return {
    name: siteOf(capture, decision),
    url: capture.url,
    username: capture.username,
    // Old and new in a guessed order: no password until the user says which is new.
    password: capture.orderGuessed ? '' : capture.password,
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
  // The kind the card shows: the capture's, or the user's answer to "login or new account?" when it was a guess.
  const [kind, setKind] = useState(capture.kind);
  const [query, setQuery] = useState('');
  const { status, setStatus, saved, save: send, dismiss } = useCardActions(capture, { onDismissed });
  // What this card's save did, in words, for its finished state.
  const [outcome, setOutcome] = useState<string | undefined>();
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
          const fresh = initialValues(capture, view);
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
    onInput: (e: Event) => edit({ [key]: (e.currentTarget as HTMLInputElement).value }),
  });

  /** A new entry instead of the picked one: fresh values, keeping the username, password and notes typed. */
  const asNew = (current: EntryValues): EntryValues => ({
    ...initialValues(capture, decision),
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
      setOutcome(outcomeOf(toSave, override ? undefined : changes));
      // A key scanned from the site's QR code while this login was pending is saved with it.
      const withKey = capture.totp ? { ...toSave, secretKey: capture.totp.secret } : toSave;
      return ask({ type: 'save-capture', id: capture.id, values: withKey });
    });

  const never = async () => {
    await ask({ type: 'never-site', id: capture.id });
    onDismissed(capture.id);
  };

  const sharing: Sharing = { users: values.users_allowed ?? [], groups: values.groups_allowed ?? [] };
  const sharedCount = sharing.users.length + sharing.groups.length;
  const error = status?.state === 'error' || status?.state === 'queued' ? status.error : undefined;
  const queued = status?.state === 'queued';
  const updateRefused = !!error && target !== 'new' && (error.kind === 'not-found' || error.kind === 'no-access');
  const crossOrigin = capture.origin !== capture.topOrigin;
  const more = decision?.more ?? [];
  const shown = shownTargets(decision?.options ?? [{ value: 'new' }], more, query, target);

  const saving = status?.state === 'saving';
  const site = siteOf(capture, decision);
  // A login or sign-up decided on thin evidence (src/capture/fields/form.ts): the card asks which.
  const guessedKind = capture.kindGuessed && (kind === 'login' || kind === 'signup') ? kind : undefined;
  const whichNew: [string, string] | undefined =
    capture.kind === 'change' && capture.orderGuessed && capture.oldPassword ? [capture.oldPassword, capture.password] : undefined;

  return (
    <section
      class={saved ? 'capture finished' : 'capture'}
      data-testid="capture"
      data-kind={kind}
      data-origin={capture.origin}
      data-target={target}
      aria-labelledby={id('title')}
    >
      <header class="card-head">
        <h2 id={id('title')} data-testid="capture-question">
          {saved ? statusText({ state: 'saved' }, outcome) : questionOf(kind, decision, values, entry, changes)}
        </h2>
        <p class="site">
          <span class="kind">{t(KIND_TITLES[kind])}</span>
          <span class="origin" data-testid="capture-site" title={capture.origin}>
            {site}
          </span>
        </p>
        {crossOrigin && !saved && (
          <p class="notice" role="note" data-testid="capture-frame-warning">
            {t('captureCrossOrigin', [hostOf(capture.origin), hostOf(capture.topOrigin)])}
          </p>
        )}
        {isInsecure(capture.origin) && !saved && (
          <p class="notice" role="note" data-testid="capture-not-secure">
            {t('captureNotSecure', [hostOf(capture.origin)])}
          </p>
        )}
      </header>

      {!saved && guessedKind && <LoginOrNewAccount idPrefix={id('kind')} chosen={guessedKind} onChoose={setKind} />}
      {!saved && whichNew && (
        <WhichNewPassword idPrefix={id('which-new')} passwords={whichNew} chosen={values.password} onChoose={(password) => edit({ password })} />
      )}
      {!saved && (
        <div class="fields">
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
          </div>
          <label for={id('target')}>{t('fieldTarget')}</label>
          <select data-testid="capture-target" id={id('target')} value={target} onChange={(e) => chooseTarget(e.currentTarget.value)}>
            {shown.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.value === 'new' ? t('targetNew') : t('targetUpdate', [option.name ?? '', option.username || '—'])}
              </option>
            ))}
          </select>
          {more.length > 0 && <label for={id('target-search')}>{t('targetSearchLabel', [String(more.length)])}</label>}
          {more.length > 0 && (
            <input
              type="search"
              data-testid="capture-target-search"
              id={id('target-search')}
              placeholder={t('targetSearchPlaceholder')}
              autocomplete="off"
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
          )}
        </div>
      )}
      {!saved && shown.found !== undefined && (
        <p class="muted small" role="status" data-testid="capture-target-found">
          {shown.found ? t('targetSearchFound', [String(shown.found)]) : t('targetSearchNone')}
        </p>
      )}
      {!saved && decision?.others && target === 'new' && (
        <p class="muted small" data-testid="capture-others">
          {othersText(decision.others)}
        </p>
      )}
      {!saved && decision?.choose && (
        <p class="hint small" data-testid="capture-choose">
          {t('chooseTarget')}
        </p>
      )}
      {!decision && !decisionError && !saved && <p class="muted small">{t('questionChecking')}</p>}
      {decisionError && !saved && (
        <p class="muted small" data-testid="capture-decision-error">
          {t('decisionFailed')}
        </p>
      )}

      {/* Held in place while the background works the changes out, so Save does not move under the pointer. */}
      {target !== 'new' && !saved && (
        <div class="changes small" data-testid="capture-changes" aria-busy={!changes && !(whichNew && !values.password)}>
          <span class="changes-title">{t('changesTitle')}</span>{' '}
          {whichNew && !values.password ? (
            <span class="muted">{t('changesAfterChoice')}</span>
          ) : !changes ? (
            <span class="muted">{t('changesChecking')}</span>
          ) : changes.length === 0 ? (
            <span class="muted">{t('changeNone')}</span>
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

      {!saved && (
        <details class="details">
          <summary data-testid="capture-details">{t('captureDetails')}</summary>
          <div class="fields">
            <label for={id('name')}>{t('fieldName')}</label>
            <input data-testid="capture-name" {...text('name')} />
            <label for={id('url')}>{t('fieldUrl')}</label>
            <input data-testid="capture-url" type="url" {...text('url')} />
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
              onChange={(next) => edit({ users_allowed: next.users, groups_allowed: next.groups })}
            />
          </details>
        </details>
      )}

      {capture.totp && !saved && <TotpAttachment totp={capture.totp} />}

      <CardActions
        saved={saved}
        saving={saving}
        saveLabel={target === 'new' ? t('captureSave') : t('captureUpdate')}
        // Until the new password is picked (or typed), there is nothing right to save.
        canSave={!whichNew || values.password !== ''}
        onSave={() => save()}
        onDismiss={dismiss}
        onNever={never}
      />
      <p
        class={saved ? 'status visually-hidden' : 'status'}
        role="status"
        aria-live="polite"
        data-testid="capture-status"
        data-state={status?.state}
      >
        {status ? statusText(status, outcome) : ''}
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
