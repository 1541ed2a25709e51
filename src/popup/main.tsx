import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { Capture } from '../capture/types';
import type { CapturesView } from '../protocol/ui';
import { orderForTab, tabParam } from './order';
import { t } from '../platform/i18n';
import { touches } from '../protocol/storage';
import { ask } from '../protocol/send';
import { HostAccessNotice } from '../ui/HostAccessNotice';
import { CaptureCard } from './CaptureCard';
import { lazy } from './lazy';
import '../ui/theme.css';
import './popup.css';

/** The tab the popup acts on: `?tab=<id>` when opened as a page, else the active tab of its window. */
async function currentTabId(): Promise<number | undefined> {
  const fromUrl = tabParam(location.search);
  if (fromUrl !== undefined) return fromUrl;
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id;
}

/** Whether the tab shows a web page (only those can be saved by hand). */
async function isWebTab(tabId: number | undefined): Promise<boolean> {
  if (tabId === undefined) return false;
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  return !!tab?.url && /^https?:/.test(tab.url);
}

function openOptions(e: Event) {
  e.preventDefault();
  browser.runtime.openOptionsPage();
}

function NotConfigured() {
  return (
    <div class="empty" data-testid="not-configured">
      <p>{t('popupNotConfigured')}</p>
      <a href="#" onClick={openOptions} data-testid="open-options">
        {t('popupOpenOptions')}
      </a>
    </div>
  );
}

// The authenticator-key parts load after the first paint (see lazy.ts).
const ScanPanel = lazy(() => import('./ScanPanel').then((m) => m.ScanPanel));
const TotpCard = lazy(() => import('./TotpCard').then((m) => m.TotpCard));
const WhyPanel = lazy(() => import('./WhyPanel').then((m) => m.WhyPanel));
const BrowserPromptOffer = lazy(() => import('./BrowserPromptOffer').then((m) => m.BrowserPromptOffer));

/** "Nothing offered on this page? See why": opens the panel saying what became of the tab's submissions. */
function SeeWhy({ tabId }: { tabId: number }) {
  const [open, setOpen] = useState(false);
  return (
    <div class="see-why">
      <button type="button" class="link" data-testid="see-why" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('seeWhy')}
      </button>
      {open && <WhyPanel tabId={tabId} />}
    </div>
  );
}

/** Whether a storage change is about what the popup shows: the captures, and whether MySafe is set up. */
// The administrator's policy (storage.managed) changes what is configured and whether the QR scan is offered.
const aboutCaptures = (changes: Record<string, unknown>, area: string) =>
  area === 'managed' || touches(changes, area, ['pending-captures', 'mysafe-settings']);

/** A capture change between the first ask (below) and the popup's own listener: the popup asks again. */
let changedBeforeListening = false;
const changedEarly = (changes: Record<string, unknown>, area: string) => {
  if (aboutCaptures(changes, area)) changedBeforeListening = true;
};

/** Set once, when the first capture card is painted: `npm run bench` reads it (tests/bench/popup.ts). */
const FIRST_CARD_MARK = 'mysafe-first-capture';
function markFirstCard() {
  if (performance.getEntriesByName(FIRST_CARD_MARK).length === 0) {
    // The frame's callback runs just before the paint; a task queued from it runs just after.
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (performance.getEntriesByName(FIRST_CARD_MARK).length === 0) performance.mark(FIRST_CARD_MARK);
      }),
    );
  }
}

/** "This site": when nothing was captured on the tab, a login for it can be added by hand. */
function AddSite({ tabId }: { tabId: number }) {
  const [failed, setFailed] = useState(false);
  const add = async () => {
    const result = await ask({ type: 'add-site', tabId });
    setFailed(!result.ok);
  };
  return (
    <section class="add-site tool-group" aria-labelledby="site-tools">
      <h2 id="site-tools">{t('popupGroupSite')}</h2>
      <div class="tool-buttons">
        <button type="button" data-testid="add-site" onClick={add}>
          {t('popupAddSite')}
        </button>
      </div>
      <p class="status small" role="status" data-state={failed ? 'error' : undefined} data-testid="add-site-status">
        {failed ? t('popupAddSiteFailed') : ''}
      </p>
    </section>
  );
}

interface PopupProps {
  /** The list of captures, asked before the first render (undefined when that ask failed: the popup asks again). */
  first?: CapturesView;
  /** The tab the popup acts on, found before the first render. */
  firstTabId?: number;
}

function Popup({ first, firstTabId }: PopupProps) {
  const [configured, setConfigured] = useState<boolean | undefined>(first?.configured);
  const [pending, setPending] = useState<Capture[]>(first?.captures ?? []);
  const [qrScanning, setQrScanning] = useState(first?.qrScanning ?? true);
  const tabId = firstTabId;
  const [webTab, setWebTab] = useState(false);

  const shownHere = useRef(new Set<string>());
  // Several storage changes can overlap: only the answer to the latest request is shown.
  const latest = useRef(0);
  const load = useCallback(async () => {
    const request = ++latest.current;
    const view = await ask({ type: 'get-captures' });
    if (request !== latest.current) return;
    setConfigured(view.configured);
    setPending(view.captures);
    setQrScanning(view.qrScanning);
  }, []);

  useEffect(() => {
    isWebTab(firstTabId).then(setWebTab);
    browser.storage.onChanged.removeListener(changedEarly);
    if (!first || changedBeforeListening) load();
    // New captures (or ones saved elsewhere) show up while the popup is open.
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (aboutCaptures(changes, area)) load();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, [load]);

  if (configured === undefined) return null;
  // A saved capture is shown by a popup that showed it before it was saved, or by the one popup the background listed
  // it to unseen (saved by a retry while no one looked); a popup keeps showing what it showed while it stays open.
  const shownBefore = (c: Capture) => c.state.status !== 'saved' || !c.state.seen || shownHere.current.has(c.id);
  const shown = orderForTab(pending.filter(shownBefore), tabId);
  for (const c of shown) shownHere.current.add(c.id);

  const dismissed = (id: string) => setPending((list) => list.filter((p) => p.id !== id));

  return (
    <main>
      <header class="top">
        <h1>{t('extName')}</h1>
        <a href="#" onClick={openOptions} data-testid="popup-settings">
          {t('popupSettings')}
        </a>
      </header>
      <HostAccessNotice />
      {!configured && <NotConfigured />}
      {shown.length === 0 ? (
        <p class="muted empty-list" data-testid="no-captures">
          {t('popupNothingPending')}
        </p>
      ) : (
        shown.map((capture) => {
          // Authenticator keys from QR codes have a card of their own.
          const Card = capture.kind === 'totp' ? TotpCard : CaptureCard;
          return (
            <Card
              key={capture.id}
              capture={capture}
              onPainted={markFirstCard}
              onDismissed={dismissed}
            />
          );
        })
      )}
      {/* A login card is when the browser's own "Save password?" competes with ours. */}
      {shown.some((c) => c.kind !== 'totp' && c.state.status === 'pending') && <BrowserPromptOffer />}
      {webTab && tabId !== undefined && !shown.some((c) => c.tabId === tabId) && <SeeWhy tabId={tabId} />}
      <div class="tools">
        {configured && webTab && tabId !== undefined && !shown.some((c) => c.tabId === tabId) && <AddSite tabId={tabId} />}
        {qrScanning && <ScanPanel tabId={tabId} />}
      </div>
    </main>
  );
}

document.documentElement.lang = t('@@ui_locale').replace('_', '-');
document.title = t('extName');
// The list of captures and the tab are asked first, and the popup renders once they are known: its first paint shows
// the cards (it showed nothing before the answer anyway), without waiting a frame for an effect to ask.
browser.storage.onChanged.addListener(changedEarly);
Promise.all([ask({ type: 'get-captures' }).catch(() => undefined), currentTabId().catch(() => undefined)]).then(([first, firstTabId]) =>
  render(<Popup first={first} firstTabId={firstTabId} />, document.getElementById('app')!),
);
