import { render } from 'preact';
import browser from 'webextension-polyfill';
import { useEffect, useRef, useState } from 'preact/hooks';
import { readBrowserSaving, setAskInstead, type BrowserSaving } from '../platform/browser-saving';
import { serverUrlError } from '../save/settings';
import { sameOrigin } from '../platform/origin';
import { errorText } from '../ui/error-words';
import { t } from '../platform/i18n';
import { NO_DEFAULTS, type CaptureDefaults, type SettingsView } from '../save/types';
import type { NeverSite } from '../save/managed';
import { ask } from '../protocol/send';
import type { Result, UiError } from '../errors';
import type { LockableKey, PolicyProblem, ProblemReason } from '../save/managed';
import { SharingEditor } from '../ui/SharingEditor';
import '../ui/theme.css';
import { HostAccessNotice } from '../ui/HostAccessNotice';
import './options.css';

type Status = { state: 'checking' } | { state: 'ok' } | { state: 'error'; error: UiError };

function statusText(status: Status): string {
  if (status.state === 'checking') return t('settingsChecking');
  if (status.state === 'ok') return t('settingsConnected');
  return errorText(status.error, 'settings');
}

/** Asked once for both sections below (each used to ask for the same answer). */
const firstPreferences = ask({ type: 'get-preferences' });
/** Asked once: the connection form shows it, and every section what the administrator's policy locks. */
const firstSettings = ask({ type: 'get-settings' });

// A changed policy (Chromium reloads policies while it runs) can lock or unlock any section: the page starts again.
browser.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed') location.reload();
});

/** The keys the policy locks, once known. */
function useLocked(): (key: LockableKey) => boolean {
  const [locked, setLocked] = useState<LockableKey[]>([]);
  useEffect(() => {
    firstSettings.then((view) => setLocked(view.locked));
  }, []);
  return (key) => locked.includes(key);
}

/** "Set by your organisation", beside a setting the policy sets and locks. */
function ManagedNote({ setting, id }: { setting: LockableKey; id?: string }) {
  return (
    <p class="hint managed-note" id={id} data-testid="managed-note" data-setting={setting}>
      {t('managedNote')}
    </p>
  );
}

const PROBLEM_WORDS: Record<ProblemReason, string> = {
  'unknown-key': 'managedUnknownKey',
  'not-https': 'managedNotHttps',
  'invalid-url': 'managedInvalidUrl',
  'not-text': 'managedNotText',
  'not-boolean': 'managedNotBoolean',
  'not-list': 'managedNotList',
  'bad-user': 'managedBadUser',
  'bad-group': 'managedBadGroup',
  'bad-site': 'managedBadSite',
  'not-lockable': 'managedNotLockable',
  'secret-without-server': 'managedSecretWithoutServer',
};

/** One line per policy value that was ignored. */
function ManagedProblems({ problems }: { problems: PolicyProblem[] }) {
  if (!problems.length) return null;
  return (
    <div class="managed-problems" role="status" data-testid="managed-problems">
      <p>{t('managedProblemsTitle')}</p>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.key}-${problem.index ?? ''}`} data-testid="managed-problem" data-key={problem.key}>
            {t(PROBLEM_WORDS[problem.reason], [problem.key, String((problem.index ?? 0) + 1)])}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Tags and sharing new entries start with. */
function Defaults() {
  const [defaults, setDefaults] = useState<CaptureDefaults>(NO_DEFAULTS);
  const [loaded, setLoaded] = useState(false);
  const [saved, setSaved] = useState(false);
  const locked = useLocked();
  const sharingLocked = locked('defaultUsersAllowed') || locked('defaultGroupsAllowed');

  useEffect(() => {
    firstPreferences.then((prefs) => {
      setDefaults(prefs.defaults);
      setLoaded(true);
    });
  }, []);

  const change = (next: CaptureDefaults) => {
    setDefaults(next);
    setSaved(false);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    const result = await ask({ type: 'save-defaults', defaults });
    setSaved(result.ok);
  };

  return (
    <section aria-labelledby="defaults-title">
      <h2 id="defaults-title">{t('defaultsTitle')}</h2>
      <p class="muted">{t('defaultsIntro')}</p>
      <form onSubmit={save}>
        <fieldset disabled={!loaded}>
          <label for="default-tags">{t('defaultTags')}</label>
          <input
            id="default-tags"
            data-testid="default-tags"
            placeholder={t('fieldTagsHint')}
            value={defaults.tags}
            disabled={locked('defaultTags')}
            onInput={(e) => change({ ...defaults, tags: e.currentTarget.value })}
          />
          {locked('defaultTags') && <ManagedNote setting="defaultTags" />}
          <p class="label">{t('defaultSharing')}</p>
          <SharingEditor
            idPrefix="default-share"
            sharing={{ users: defaults.users, groups: defaults.groups }}
            disabled={sharingLocked}
            onChange={(next) => change({ ...defaults, users: next.users, groups: next.groups })}
          />
          {sharingLocked && <ManagedNote setting={locked('defaultGroupsAllowed') ? 'defaultGroupsAllowed' : 'defaultUsersAllowed'} />}
          <div class="actions">
            <button class="primary" type="submit" data-testid="save-defaults">
              {t('defaultsSave')}
            </button>
            <p class="status" role="status" aria-live="polite" data-testid="defaults-status" data-state={saved ? 'ok' : undefined}>
              {saved ? t('defaultsSaved') : ''}
            </p>
          </div>
        </fieldset>
      </form>
    </section>
  );
}

/** The sites the user said "Never for this site" for; each can be removed. */
function NeverSites() {
  const [hosts, setHosts] = useState<NeverSite[] | undefined>();
  useEffect(() => {
    firstPreferences.then((prefs) => setHosts(prefs.neverSites));
  }, []);

  const remove = async (host: string) => {
    await ask({ type: 'remove-never-site', host });
    setHosts((await ask({ type: 'get-preferences' })).neverSites);
  };

  return (
    <section aria-labelledby="never-title">
      <h2 id="never-title">{t('neverTitle')}</h2>
      <p class="muted">{t('neverIntro')}</p>
      {hosts && hosts.length === 0 && (
        <p class="muted" data-testid="never-none">
          {t('neverNone')}
        </p>
      )}
      {hosts && hosts.length > 0 && (
        <ul class="never-list" data-testid="never-sites">
          {hosts.map(({ host, managed, locked }) => (
            <li key={host} data-testid="never-site" data-host={host} data-managed={managed ? 'true' : undefined}>
              <span>{host}</span>
              {locked ? (
                <ManagedNote setting="neverSites" />
              ) : (
                <button type="button" data-testid="never-remove" aria-label={t('neverRemoveNamed', [host])} onClick={() => remove(host)}>
                  {t('neverRemove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "Let MySafe Capture ask instead of the browser": the browser's own password saving, off while this is on. */
function BrowserSavingSwitch() {
  const [saving, setSaving] = useState<BrowserSaving | undefined>();
  const [failed, setFailed] = useState(false);
  const locked = useLocked()('browserPasswordSaving');
  useEffect(() => {
    readBrowserSaving().then(setSaving, () => setFailed(true));
  }, []);

  const change = async (askInstead: boolean) => {
    try {
      setSaving(await setAskInstead(askInstead));
      setFailed(false);
    } catch {
      setFailed(true);
      setSaving(await readBrowserSaving().catch(() => saving));
    }
  };
  const note = failed ? t('browserSavingUnavailable') : saving?.note && t(saving.note.key);

  return (
    <section aria-labelledby="browser-saving-title">
      <h2 id="browser-saving-title">{t('browserSavingTitle')}</h2>
      <p class="muted">{t('browserSavingIntro')}</p>
      <label class="inline switch">
        <input
          type="checkbox"
          role="switch"
          data-testid="browser-saving"
          checked={saving?.askInstead ?? false}
          disabled={!saving?.changeable || locked}
          aria-describedby="browser-saving-hint"
          onChange={(e) => change(e.currentTarget.checked)}
        />
        {t('browserSaving')}
      </label>
      <p id="browser-saving-hint" class="hint muted">
        {t('browserSavingHint')}
      </p>
      {locked && <ManagedNote setting="browserPasswordSaving" />}
      {note && (
        <p class="hint" role="status" data-testid="browser-saving-note">
          {note}
        </p>
      )}
    </section>
  );
}

function Options() {
  const [baseUrl, setBaseUrl] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [hasSecret, setHasSecret] = useState(false);
  // The URL the stored secret belongs to: the secret is kept only while the typed URL has the same origin.
  const [storedUrl, setStoredUrl] = useState('');
  const [status, setStatus] = useState<Status | undefined>();
  // The form waits for the stored settings, so that they never overwrite what the user already typed.
  const [loaded, setLoaded] = useState(false);
  const [policy, setPolicy] = useState<Pick<SettingsView, 'locked' | 'problems'>>({ locked: [], problems: [] });
  const locked = (key: LockableKey) => policy.locked.includes(key);

  // Each check (on opening, on saving) takes a number: only the latest one's answer is shown.
  const lastCheck = useRef(0);
  const show = async (check: Promise<Result>): Promise<Result> => {
    const number = ++lastCheck.current;
    setStatus({ state: 'checking' });
    const result = await check;
    if (number === lastCheck.current) setStatus(result.ok ? { state: 'ok' } : { state: 'error', error: result.error });
    return result;
  };

  useEffect(() => {
    firstSettings.then((view) => {
      setPolicy({ locked: view.locked, problems: view.problems });
      setBaseUrl(view.baseUrl);
      setStoredUrl(view.baseUrl);
      setClientId(view.clientId);
      setHasSecret(view.hasSecret);
      setLoaded(true);
      // Stored settings are shown with whether they work now (a token obtained or still valid), not as if untested.
      if (view.hasSecret) void show(ask({ type: 'check-connection' }));
    });
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    // A failed check stored nothing: what the user typed stays, to be corrected.
    const result = await show(ask({ type: 'save-settings', baseUrl, clientId, clientSecret }));
    if (result.ok) {
      const view = await ask({ type: 'get-settings' });
      setHasSecret(view.hasSecret);
      setBaseUrl(view.baseUrl);
      setStoredUrl(view.baseUrl);
      // The secret is not kept in the page once the background has it.
      setClientSecret('');
    }
  };
  // The stored secret is offered for keeping only for its own server, and not once the server refused it.
  const secretRejected = status?.state === 'error' && status.error.kind === 'rejected-credentials';
  const keepsSecret = hasSecret && sameOrigin(storedUrl, baseUrl) && !secretRejected;
  const urlError = baseUrl.trim() ? serverUrlError(baseUrl) : undefined;

  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <HostAccessNotice />
      <p class="muted">{t('optionsIntro')}</p>
      <ManagedProblems problems={policy.problems} />
      <form onSubmit={save} noValidate>
        <fieldset disabled={!loaded}>
          <label for="server-url">{t('serverUrl')}</label>
          <input
            id="server-url"
            data-testid="server-url"
            type="url"
            required
            placeholder="https://vault.example.com"
            value={baseUrl}
            disabled={locked('serverUrl')}
            onInput={(e) => setBaseUrl(e.currentTarget.value)}
            aria-invalid={urlError ? 'true' : undefined}
            aria-describedby="server-url-hint"
          />
          <p id="server-url-hint" class={urlError ? 'hint error' : 'hint muted'} data-testid="server-url-hint" data-state={urlError ? 'error' : undefined}>
            {urlError ? errorText(urlError, 'settings') : t('serverUrlHint')}
          </p>
          {locked('serverUrl') && <ManagedNote setting="serverUrl" />}
          <label for="client-id">{t('clientId')}</label>
          <input
            id="client-id"
            data-testid="client-id"
            required
            autocomplete="off"
            value={clientId}
            disabled={locked('clientId')}
            onInput={(e) => setClientId(e.currentTarget.value)}
          />
          {locked('clientId') && <ManagedNote setting="clientId" />}
          <label for="client-secret">{t('clientSecret')}</label>
          <input
            id="client-secret"
            data-testid="client-secret"
            type="password"
            autocomplete="off"
            required={!keepsSecret && !locked('clientSecret')}
            disabled={locked('clientSecret')}
            placeholder={keepsSecret ? t('clientSecretKept') : secretRejected && !clientSecret ? t('clientSecretAgain') : ''}
            value={clientSecret}
            onInput={(e) => setClientSecret(e.currentTarget.value)}
          />
          {locked('clientSecret') && <ManagedNote setting="clientSecret" />}
          <div class="actions">
            <button class="primary" type="submit" data-testid="save-settings" disabled={status?.state === 'checking'}>
              {t('saveSettings')}
            </button>
            <p class="status" role="status" aria-live="polite" data-testid="settings-status" data-state={status?.state}>
              {status ? statusText(status) : ''}
            </p>
          </div>
        </fieldset>
      </form>
      <BrowserSavingSwitch />
      <Defaults />
      <NeverSites />
    </main>
  );
}

document.documentElement.lang = t('@@ui_locale').replace('_', '-');
document.title = t('optionsTitle');
render(<Options />, document.getElementById('app')!);
