import { t } from '../platform/i18n';

export type LoginOrSignup = 'login' | 'signup';

/** The choices, named as the card names its kind. */
const CHOICES: Array<{ kind: LoginOrSignup; label: string }> = [
  { kind: 'login', label: 'kindLogin' },
  { kind: 'signup', label: 'kindSignup' },
];

interface Props {
  /** Prefix of the element ids, unique in the popup. */
  idPrefix: string;
  chosen: LoginOrSignup;
  onChoose(kind: LoginOrSignup): void;
}

/**
 * A one-password form the page said little about: login or new account is the user's to say. The guess is
 * preselected, as a wrong one loses nothing: both save the same username and password; the kind changes the card's
 * words only.
 */
export function LoginOrNewAccount({ idPrefix, chosen, onChoose }: Props) {
  return (
    <fieldset class="kind-choice" data-testid="capture-kind-choice">
      <legend>{t('kindChoiceQuestion')}</legend>
      {CHOICES.map(({ kind, label }) => (
        <div class="kind-choice-option" key={kind}>
          <input
            type="radio"
            id={`${idPrefix}-${kind}`}
            name={idPrefix}
            data-testid="capture-kind-option"
            data-kind={kind}
            checked={chosen === kind}
            onChange={() => onChoose(kind)}
          />
          <label for={`${idPrefix}-${kind}`}>{t(label)}</label>
        </div>
      ))}
      <p class="muted small">{t('kindChoiceHint')}</p>
    </fieldset>
  );
}
