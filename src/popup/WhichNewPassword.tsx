import { useState } from 'preact/hooks';
import { t } from '../platform/i18n';

/** What a masked password shows: the same length for every password, so the dots tell nothing. */
const MASK = '••••••••';

interface Props {
  /** Prefix of the element ids, unique in the popup. */
  idPrefix: string;
  /** The two passwords typed, in the order of their fields on the page. */
  passwords: [string, string];
  /** The one picked as the new password; any other value (nothing picked yet, or one typed by hand) picks neither. */
  chosen: string;
  onChoose(password: string): void;
}

/**
 * A password change whose fields did not say which was the current password and which the new one: the user says.
 * Nothing is picked at first, as a guess the user clicks through would save the old password as the new one.
 */
export function WhichNewPassword({ idPrefix, passwords, chosen, onChoose }: Props) {
  const [shown, setShown] = useState([false, false]);
  const names = [t('whichNewFirst'), t('whichNewSecond')];
  return (
    <fieldset class="which-new" data-testid="capture-which-new">
      <legend>{t('whichNewQuestion')}</legend>
      {passwords.map((password, index) => {
        const id = `${idPrefix}-${index}`;
        return (
          <div class="which-new-option" key={index}>
            <input
              type="radio"
              id={id}
              name={idPrefix}
              data-testid="capture-which-new-option"
              checked={chosen === password}
              onChange={() => onChoose(password)}
            />
            <label for={id}>
              <span id={`${id}-name`}>{names[index]}</span>{' '}
              <span class="secret" data-testid="capture-which-new-value">
                {shown[index] ? password : MASK}
              </span>
            </label>
            <button
              type="button"
              id={`${id}-reveal`}
              aria-pressed={shown[index]}
              aria-labelledby={`${id}-reveal ${id}-name`}
              onClick={() => setShown(shown.map((on, i) => (i === index ? !on : on)))}
            >
              {shown[index] ? t('hidePassword') : t('showPassword')}
            </button>
          </div>
        );
      })}
      <p class="muted small">{t('whichNewHint')}</p>
    </fieldset>
  );
}
