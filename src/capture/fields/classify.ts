// What one field is for, from a plain description of it (no DOM here, so it is unit-tested in Node).
import {
  CARD, CONFIRM, CURRENT, EXPLICIT_OTP, NEW, NOT_USERNAME, ONE_TIME_CODE, PASSWORD, SEARCH, SEARCH_SHOWN, USERNAME, normalise,
} from './keywords';

/** What the content script reads from an input element. Strings are empty when the attribute is absent. */
export interface FieldDescriptor {
  /** Lower-case tag name: input, textarea, select. */
  tag: string;
  /** Lower-case input type ("text" when absent). */
  type: string;
  name: string;
  id: string;
  autocomplete: string;
  /** Text of its <label>s, aria-labelledby targets or the nearest text before it. */
  label: string;
  placeholder: string;
  ariaLabel: string;
  className?: string;
  /** `maxlength` when set, else 0. */
  maxLength?: number;
  inputMode?: string;
  /** Was type=password at some point while the user typed (pages that switch to text to "show" it). */
  wasPassword?: boolean;
}

export type FieldRole =
  | 'username' // text, email or tel field that looks like an account name
  | 'text' // a plain text field that could be an account name when nothing better is there
  | 'password' // a password field with no word saying which one
  | 'current-password'
  | 'new-password'
  | 'confirm-password'
  | 'otp'
  | 'search'
  | 'card'
  | 'other' // a text field that is something else (name, address...)
  | 'ignore'; // not a text field at all (checkbox, hidden, button...)

const TEXT_TYPES = new Set(['text', 'email', 'tel', 'number', 'url', '']);

/** How sure we are that a `username`/`text` field is the account name: higher wins. */
export function usernameScore(d: FieldDescriptor): number {
  const tokens = autocompleteTokens(d.autocomplete);
  if (tokens.includes('username')) return 5;
  if (tokens.includes('email')) return 4;
  const words = normalise([d.name, d.id, d.label, d.placeholder, d.ariaLabel].join(' '));
  if (USERNAME.test(words)) return d.type === 'email' ? 4 : 3;
  if (d.type === 'email') return 3;
  if (d.type === 'tel') return 2;
  return 1;
}

function autocompleteTokens(autocomplete: string): string[] {
  return autocomplete.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Role from `autocomplete` alone, when it says something we use. */
function roleFromAutocomplete(d: FieldDescriptor): FieldRole | undefined {
  const tokens = autocompleteTokens(d.autocomplete);
  if (tokens.includes('one-time-code')) return 'otp';
  if (tokens.some((t) => t.startsWith('cc-'))) return 'card';
  const isPassword = d.type === 'password' || d.wasPassword;
  if (isPassword && tokens.includes('current-password')) return 'current-password';
  if (isPassword && tokens.includes('new-password')) return 'new-password';
  if (!isPassword && (tokens.includes('username') || tokens.includes('email'))) return 'username';
  return undefined;
}

export function classifyField(d: FieldDescriptor): FieldRole {
  if (d.tag !== 'input') return d.tag === 'textarea' ? 'other' : 'ignore';
  const own = normalise([d.name, d.id].join(' '));
  const isPassword = d.type === 'password' || !!d.wasPassword;
  // A hidden field marked as the username: how pages name the account on a password-only step.
  if (d.type === 'hidden') return autocompleteTokens(d.autocomplete).includes('username') ? 'username' : 'ignore';
  if (!isPassword && !TEXT_TYPES.has(d.type)) return d.type === 'search' ? 'search' : 'ignore';

  const fromAutocomplete = roleFromAutocomplete(d);
  // "new-password" on every password field of a change form is common: names still tell the current one apart.
  if (fromAutocomplete && fromAutocomplete !== 'new-password') return fromAutocomplete;

  const shown = normalise([d.label, d.placeholder, d.ariaLabel].join(' '));
  const all = `${own} ${shown}`;

  if (isPassword) {
    // A password field is a one-time code only by explicit wording, or by a code-like name on a code-shaped field
    // ("pin_code" with maxlength 6 or a numeric keyboard) that no word calls a password: "login_code" labelled
    // "Password" is a password.
    const codeShaped = (!!d.maxLength && d.maxLength <= 8) || d.inputMode === 'numeric';
    if (EXPLICIT_OTP.test(all) && !PASSWORD.test(own)) return 'otp';
    if (ONE_TIME_CODE.test(own) && codeShaped && !PASSWORD.test(all)) return 'otp';
    // Names and shown words are matched apart: id "c" next to the label "Password" is not "c password" (confirm).
    const says = (words: RegExp) => words.test(own) || words.test(shown);
    // Security codes and ID numbers are often typed into password-type fields.
    if (says(CARD) && !PASSWORD.test(all)) return 'card';
    if (says(CONFIRM)) return 'confirm-password';
    if (says(CURRENT)) return 'current-password';
    if (fromAutocomplete || says(NEW)) return 'new-password';
    return 'password';
  }

  if (SEARCH.test(own) || SEARCH_SHOWN.test(shown) || /search/.test(d.className ?? '')) return 'search';
  if (CARD.test(all) || /cc-|card/.test(autocompleteTokens(d.autocomplete).join(' '))) return 'card';
  if (ONE_TIME_CODE.test(all) && !USERNAME.test(all)) return 'otp';
  if (d.inputMode === 'numeric' && d.maxLength && d.maxLength <= 8 && !USERNAME.test(all)) return 'otp';
  // A contact-form word in the name ("message_email") gives way when the id or what a person reads says login or
  // e-mail, and does not say that word itself.
  const saidElsewhere = (USERNAME.test(normalise(d.id)) || USERNAME.test(shown)) && !NOT_USERNAME.test(shown);
  if (USERNAME.test(all) && (!NOT_USERNAME.test(own) || saidElsewhere)) return 'username';
  if (d.type === 'email' || d.type === 'tel') return 'username';
  if (NOT_USERNAME.test(all)) return 'other';
  return 'text';
}

/**
 * A plain text field that words call a password and nothing else (not a search, code, card, new or repeated
 * password): the password box of a page that masks a text field itself and sends it with fetch.
 */
export function isPasswordBox(d: FieldDescriptor): boolean {
  if (d.type !== 'text' || d.wasPassword || !PASSWORD.test(normalise([d.name, d.id, d.label, d.placeholder, d.ariaLabel].join(' ')))) return false;
  const role = classifyField({ ...d, wasPassword: true });
  return /^(text|other)$/.test(classifyField(d)) && (role === 'password' || role === 'current-password');
}

export function isPasswordRole(role: FieldRole): boolean {
  return role === 'password' || role === 'current-password' || role === 'new-password' || role === 'confirm-password';
}

export function isUsernameRole(role: FieldRole): boolean {
  return role === 'username' || role === 'text';
}
