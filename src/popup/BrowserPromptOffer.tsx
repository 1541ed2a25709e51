import { useEffect, useState } from 'preact/hooks';
import { readBrowserSaving, setAskInstead } from '../platform/browser-saving';
import { t } from '../platform/i18n';
import { read, write } from '../protocol/storage';
import { ask } from '../protocol/send';

type Shown = 'offer' | 'done' | 'failed';

/**
 * Under a login card, once: "Your browser also offers to save passwords. Let only MySafe Capture ask?" — the moment the
 * two prompts compete. Offered only while the browser's own saving is on and this extension may turn it off (not set
 * by a policy, another extension or the person in the browser's settings); either answer is kept, and Settings has
 * the same switch (`browser-saving`) to change it later.
 */
export function BrowserPromptOffer() {
  const [shown, setShown] = useState<Shown | undefined>();
  useEffect(() => {
    let live = true;
    // Once answered, nothing more is asked: the browser's setting and the policy are read only while it may be offered.
    const offer = async () => {
      if (await read('browser-saving-offered')) return false;
      const [saving, settings] = await Promise.all([readBrowserSaving(), ask({ type: 'get-settings' })]);
      return !saving.askInstead && saving.changeable && !settings.locked.includes('browserPasswordSaving');
    };
    offer()
      .then((show) => live && show && setShown('offer'))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!shown) return null;

  const answer = async (askInstead: boolean) => {
    await write('browser-saving-offered', true);
    if (!askInstead) return setShown(undefined);
    try {
      setShown((await setAskInstead(true)).askInstead ? 'done' : 'failed');
    } catch {
      setShown('failed');
    }
  };

  return (
    <section class="browser-prompt-offer" data-testid="browser-prompt-offer" data-state={shown} aria-labelledby="browser-prompt-offer-text">
      {shown === 'offer' ? (
        <>
          <p id="browser-prompt-offer-text">{t('browserPromptOffer')}</p>
          <div class="actions">
            <button type="button" data-testid="browser-prompt-offer-accept" onClick={() => answer(true)}>
              {t('browserPromptOfferAccept')}
            </button>
            <button type="button" data-testid="browser-prompt-offer-dismiss" onClick={() => answer(false)}>
              {t('browserPromptOfferDismiss')}
            </button>
          </div>
        </>
      ) : (
        <p id="browser-prompt-offer-text" role="status">
          {t(shown === 'done' ? 'browserPromptOfferDone' : 'browserSavingUnavailable')}
        </p>
      )}
    </section>
  );
}
