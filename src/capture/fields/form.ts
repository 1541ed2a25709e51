// What a submitted group of fields is (login, signup, change-password, username step) and what to save from it.
import type { SubmittedForm } from '../types';
import { classifyField, isPasswordRole, isUsernameRole, usernameScore, type FieldDescriptor, type FieldRole } from './classify';
import { ASKS_NEW, CHANGE_HINT, CHANGE_NAME_HINT, EXPLICIT_OTP, LOGIN_HINT, NEW, PASSWORD, PERSONAL, SIGNUP_HINT, normalise } from './keywords';
import { isUsableValue } from './values';

/** One field of the submitted group, in document order. */
export interface FieldState {
  descriptor: FieldDescriptor;
  /** What the user typed; undefined when the user did not change the field. */
  typed?: string;
  /** The value the page shows, for a username the page filled itself (read-only email on a password step). */
  value?: string;
  visible: boolean;
  /** The field was empty before the user typed (false: the page had filled it, as a profile page fills the e-mail). */
  startedEmpty?: boolean;
}

/** What else the page says about the group. */
export interface FormContext {
  /** The form's id, name, action and class: what its authors called it ("LoginForm", "/account/register"). */
  attributes?: string;
  /** Words of the form itself: its headings, labels and buttons, and the control that sent it. */
  hints: string;
  /** Words of the page around it: title, headings outside the form. They count less. */
  pageHints?: string;
  /** The text a person sees in the form, sentences included (for `ASKS_NEW`). */
  text?: string;
  /** Sent by a submit button, a "next"/"continue" control or Enter (not by leaving the page). */
  submitted: boolean;
}

interface ClassifiedField extends FieldState {
  role: FieldRole;
}

function classifyFields(fields: FieldState[]): ClassifiedField[] {
  return fields.map((f) => ({ ...f, role: classifyField(f.descriptor) }));
}

interface Passwords {
  kind: 'login' | 'signup' | 'change';
  password: string;
  oldPassword?: string;
  orderGuessed?: true;
  kindGuessed?: true;
}

/** How much the group looks like each kind of form; see `evidenceFor`. */
export interface Evidence {
  login: number;
  signup: number;
  change: number;
}

function fieldWords(d: FieldDescriptor): string {
  return [d.name, d.id, shownWords(d)].join(' ');
}

/** What a person reads next to the field. */
function shownWords(d: FieldDescriptor): string {
  return [d.label, d.placeholder, d.ariaLabel].join(' ');
}

/**
 * Points for each kind of form from what the page says (names the authors gave the form and its fields count most,
 * then the form's visible words, then the page's) and what it asks: personal details mean a sign-up; a current-password field nobody typed a new value into means a change.
 */
function evidenceFor(all: ClassifiedField[], typed: ClassifiedField[], context: FormContext): Evidence {
  const evidence = wordEvidence(all, context);
  const typedValues = new Set(typed.map((f) => f.typed));
  const otherCurrent = all.some(
    (f) => f.role === 'current-password' && f.visible && (f.typed === undefined || !typedValues.has(f.typed) || typed.length > 2),
  );
  if (otherCurrent) evidence.change += 3;
  if (all.some((f) => f.role === 'username' && f.typed !== undefined && f.startedEmpty !== false)) evidence.change -= 2;
  return evidence;
}

/**
 * The part of `evidenceFor` that needs nothing typed: the words of the page, the form and its fields, and visible
 * fields asking for personal details (or many of them) as signs of a sign-up.
 */
export function wordEvidence(all: Array<FieldState & { role: FieldRole }>, context: FormContext): Evidence {
  const names = normalise([context.attributes ?? '', ...all.map((f) => `${f.descriptor.name} ${f.descriptor.id}`)].join(' '));
  const formText = normalise([context.hints, ...all.map((f) => shownWords(f.descriptor))].join(' '));
  const pageText = normalise(context.pageHints ?? '');
  const points = (hint: RegExp, nameHint = hint) =>
    (nameHint.test(names) ? 3 : 0) + (hint.test(formText) ? 2 : 0) + (hint.test(pageText) ? 1 : 0);
  const evidence = { login: points(LOGIN_HINT), signup: points(SIGNUP_HINT), change: points(CHANGE_HINT, CHANGE_NAME_HINT) };

  // Fields the page had already filled (a profile page's name and e-mail) are no sign of a new account.
  const visibleText = all.filter((f) => f.visible && f.startedEmpty !== false && (isUsernameRole(f.role) || f.role === 'other'));
  if (visibleText.some((f) => PERSONAL.test(normalise(fieldWords(f.descriptor))))) evidence.signup += 3;
  if (visibleText.length >= 3) evidence.signup += 1;
  return evidence;
}

/**
 * The kind of a form with one password that is not a current one, from the words (`isNew`: see newness()): a change
 * when they say so, else a sign-up or a login. A bare form (an e-mail and one password, no words of its own) takes the
 * page's heading or title at its word. `guessed`: the two differ by one page word at most (a title, an
 * autocomplete=new-password, or no word at all), so the card asks "login or new account?".
 */
export function onePasswordKind(evidence: Evidence, isNew: number): { kind: 'login' | 'signup' | 'change'; guessed: boolean } {
  const change = evidence.change + (isNew ? 1 : 0);
  const signup = evidence.signup + isNew;
  if (change >= 2 && change > signup && change > evidence.login) return { kind: 'change', guessed: false };
  const saysSignup = signup > evidence.login && (signup >= 2 || evidence.login === 0);
  return { kind: saysSignup ? 'signup' : 'login', guessed: Math.abs(signup - evidence.login) < 2 };
}

/** 2 when the field's own words say it is a new password, 1 when only its autocomplete does. */
export function newness(field: ClassifiedField): number {
  if (field.role !== 'new-password' && field.role !== 'confirm-password') return 0;
  const tokens = field.descriptor.autocomplete.toLowerCase().split(/\s+/);
  const saysNew = NEW.test(normalise(fieldWords(field.descriptor))) || field.role === 'confirm-password';
  return saysNew || !tokens.includes('new-password') ? 2 : 1;
}

/** A new password (with or without its confirmation): a sign-up unless the page says change or reset. */
export function newPasswordKind(evidence: Evidence): 'signup' | 'change' {
  return evidence.change >= 2 && evidence.change > evidence.signup ? 'change' : 'signup';
}

/** Old / new / confirm from the typed password values; undefined when they cannot be told apart. */
function resolvePasswords(typed: ClassifiedField[], all: ClassifiedField[], context: FormContext): Passwords | undefined {
  const values = typed.map((f) => f.typed!);
  const roles = typed.map((f) => f.role);
  const evidence = evidenceFor(all, typed, context);

  if (typed.length === 1) {
    const password = values[0];
    if (roles[0] === 'current-password') return { kind: 'login', password };
    // A form that asks for a password to be made up, or gives its rules, asks for a new one as its label would.
    const asksNew = ASKS_NEW.test(normalise(`${context.text ?? ''} ${shownWords(typed[0].descriptor)}`));
    const { kind, guessed } = onePasswordKind(evidence, asksNew ? 2 : newness(typed[0]));
    return { kind, password, ...(guessed && { kindGuessed: true }) };
  }

  if (typed.length === 2) {
    if (values[0] === values[1]) return { kind: newPasswordKind(evidence), password: values[0] };
    // Different values: one is the current password, unless the page labels them new + confirm (a typo: no guess).
    const currentIndex = roles.indexOf('current-password');
    if (currentIndex >= 0 && roles[1 - currentIndex] !== 'current-password') {
      return { kind: 'change', password: values[1 - currentIndex], oldPassword: values[currentIndex] };
    }
    // A confirmation only by the 2 that ends its name ("password2", "pass2") is, beside another value on a change
    // page, a plain password: a change form's new one, maybe. Only words tell which is new, else the card asks.
    const unnumbered = (d: FieldDescriptor) => classifyField({ ...d, name: d.name.replace(/2$/, ''), id: d.id.replace(/2$/, '') });
    const plain = typed.map((f) => (f.role === 'confirm-password' ? { ...f, role: unnumbered(f.descriptor) } : f));
    if (plain.some((f) => f.role === 'confirm-password') || evidence.change < 2) return undefined;
    // The field's own words say new on one only: the other is the current one.
    const saysNew = plain.map((f) => newness(f) > 1);
    if (saysNew[0] !== saysNew[1]) {
      const n = saysNew.indexOf(true);
      return { kind: 'change', password: values[n], oldPassword: values[1 - n] };
    }
    // Nothing tells them apart: field order is a guess, and a wrong one would save the old password as the new one.
    return { kind: 'change', oldPassword: values[0], password: values[1], orderGuessed: true };
  }

  if (typed.length === 3) {
    // Two equal values are the new password and its confirmation; the third is the current one.
    for (let odd = 0; odd < 3; odd++) {
      const [a, b] = values.filter((_, i) => i !== odd);
      if (a === b && values[odd] !== a) return { kind: 'change', password: a, oldPassword: values[odd] };
    }
    if (values[0] === values[1] && values[1] === values[2]) return { kind: newPasswordKind(evidence), password: values[0] };
  }
  return undefined;
}

/**
 * The account name: the best username-like field with a usable value, preferring one before the first password.
 * What the user typed into a visible field wins over every value the page filled; a value the page filled counts only
 * when the user typed none, the page marks the field as the username, and a person can see it (or it is a hidden
 * input marked `autocomplete=username`), so a planted transparent, clipped or off-screen field never supplies it.
 */
function pickUsername(all: ClassifiedField[]): string {
  const firstPassword = all.findIndex((f) => isPasswordRole(f.role) && f.typed !== undefined);
  const typedByUser = (f: ClassifiedField) => f.typed !== undefined && f.visible && isUsableValue(f.typed);
  const userTypedOne = all.some((f) => isUsernameRole(f.role) && typedByUser(f));
  let best: { value: string; score: number } | undefined;
  all.forEach((f, index) => {
    if (!isUsernameRole(f.role)) return;
    if (userTypedOne && !typedByUser(f)) return;
    const value = f.typed ?? (f.descriptor.type !== 'password' ? f.value : undefined);
    if (value === undefined || !isUsableValue(value)) return;
    if (f.typed === undefined && (usernameScore(f.descriptor) < 3 || !(f.visible || f.descriptor.type === 'hidden'))) return;
    let score = usernameScore(f.descriptor) * 10 + (f.typed !== undefined ? 5 : 0);
    if (firstPassword >= 0 && index < firstPassword) score += 20 + index / 1000; // the nearest before the password wins
    if (!best || score > best.score) best = { value: value.trim(), score };
  });
  return best?.value ?? '';
}

/**
 * What to report for a submitted group, or undefined when nothing in it is worth saving.
 * Only values the user typed count as passwords; the username may also be one the page filled and marked as such.
 */
export function decideForm(fields: FieldState[], context: FormContext): SubmittedForm | undefined {
  let all = classifyFields(fields);
  const typedPassword = (f: ClassifiedField) => isPasswordRole(f.role) && f.typed !== undefined && isUsableValue(f.typed);
  // Next to a password typed into a visible field, what went into fields nobody could see does not count.
  if (all.some((f) => typedPassword(f) && f.visible)) all = all.map((f) => (f.typed !== undefined && !f.visible ? { ...f, typed: undefined } : f));
  const typedPasswords = all.filter(typedPassword);
  if (typedPasswords.length === 0) return usernameStep(all, context);
  if (isDeviceCode(typedPasswords, all, context)) return undefined;
  const passwords = resolvePasswords(typedPasswords, all, context);
  if (!passwords) return undefined;
  const form: SubmittedForm = { ...passwords, username: pickUsername(all) };
  if (isCurrentPasswordStep(typedPasswords, all, passwords)) form.step = 'current-password';
  return form;
}

/**
 * A lone current-password field (by its autocomplete or its words) sent with no account name the user typed beside
 * it: the password step of a two-step login, or the current-password step of a password change in steps. Only the
 * steps that follow tell which (src/capture/steps.ts).
 */
function isCurrentPasswordStep(typedPasswords: ClassifiedField[], all: ClassifiedField[], passwords: Passwords): boolean {
  if (passwords.kind !== 'login' || typedPasswords.length !== 1 || typedPasswords[0].role !== 'current-password') return false;
  return !all.some((f) => isUsernameRole(f.role) && f.typed !== undefined && f.typed.trim() !== '');
}

/**
 * A code sent to the user's device typed into a password field: one plain password field, no account name on the
 * page, and words around it that speak of a code, none of the field's own of a password.
 */
function isDeviceCode(typedPasswords: ClassifiedField[], all: ClassifiedField[], context: FormContext): boolean {
  if (typedPasswords.length !== 1 || typedPasswords[0].role !== 'password') return false;
  if (all.some((f) => isUsernameRole(f.role) && (f.typed ?? f.value ?? '').trim() !== '')) return false;
  if (PASSWORD.test(normalise(fieldWords(typedPasswords[0].descriptor)))) return false;
  return EXPLICIT_OTP.test(normalise(`${context.hints} ${context.pageHints ?? ''}`));
}

/**
 * The first step of a two-step login: a single account-name field typed and sent, with no password field shown
 * and nothing else asked (which would make it a newsletter, search or contact form).
 */
function usernameStep(all: ClassifiedField[], context: FormContext): SubmittedForm | undefined {
  if (!context.submitted) return undefined;
  const typed = all.filter((f) => f.typed !== undefined && f.typed.trim() !== '');
  if (typed.length !== 1 || typed[0].role !== 'username' || !isUsableValue(typed[0].typed!)) return undefined;
  const visibleInputs = all.filter((f) => f.visible && f.role !== 'ignore');
  if (visibleInputs.some((f) => isPasswordRole(f.role) || f.role === 'other' || f.role === 'otp')) return undefined;
  if (visibleInputs.length > 2) return undefined;
  return { kind: 'username', username: typed[0].typed!.trim(), password: '' };
}
