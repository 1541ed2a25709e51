// What a submitted group of fields is (login, signup, change-password, username step) and what to save from it.
import type { SubmittedForm } from '../capture';
import { classifyField, isPasswordRole, isUsernameRole, usernameScore, type FieldDescriptor, type FieldRole } from './classify';
import { CHANGE_HINT, LOGIN_HINT, SIGNUP_HINT, normalise } from './keywords';
import { isUsableValue } from './values';

/** One field of the submitted group, in document order. */
export interface FieldState {
  descriptor: FieldDescriptor;
  /** What the user typed; undefined when the user did not change the field. */
  typed?: string;
  /** The value the page shows, for a username the page filled itself (read-only email on a password step). */
  value?: string;
  visible: boolean;
}

/** What else the page says about the group: text of its buttons, headings, title, form attributes. */
export interface FormContext {
  hints: string;
  /** The control that sent the form was a "next"/"continue" button, or Enter in the only text field. */
  submitted: boolean;
}

export interface ClassifiedField extends FieldState {
  role: FieldRole;
}

export function classifyFields(fields: FieldState[]): ClassifiedField[] {
  return fields.map((f) => ({ ...f, role: classifyField(f.descriptor) }));
}

interface Passwords {
  kind: 'login' | 'signup' | 'change';
  password: string;
  oldPassword?: string;
}

/** Old / new / confirm from the typed password values; undefined when they cannot be told apart. */
function resolvePasswords(typed: ClassifiedField[], all: ClassifiedField[], hints: string): Passwords | undefined {
  const values = typed.map((f) => f.typed!);
  const roles = typed.map((f) => f.role);
  const hasCurrentField = all.some((f) => f.role === 'current-password' && f.visible);

  if (typed.length === 1) {
    const role = roles[0];
    if (role === 'current-password' && !hasNewField(all)) return { kind: 'login', password: values[0] };
    // Login forms marked autocomplete="new-password" (to keep browsers from filling them) still say "log in".
    if ((role === 'new-password' || role === 'confirm-password') && !loginOnlyHinted(hints)) {
      return { kind: hasCurrentField || changeHinted(hints) ? 'change' : 'signup', password: values[0] };
    }
    return { kind: newAccountHinted(hints, all) ? 'signup' : 'login', password: values[0] };
  }

  if (typed.length === 2) {
    if (values[0] === values[1]) {
      const kind = hasCurrentField || changeHinted(hints) ? 'change' : 'signup';
      return { kind, password: values[0] };
    }
    // Different values: one is the current password, unless the page labels them new + confirm (a typo: no guess).
    const currentIndex = roles.indexOf('current-password');
    if (currentIndex >= 0) return { kind: 'change', password: values[1 - currentIndex], oldPassword: values[currentIndex] };
    if (roles.includes('confirm-password')) return undefined;
    return { kind: 'change', oldPassword: values[0], password: values[1] };
  }

  if (typed.length === 3) {
    // Two equal values are the new password and its confirmation; the third is the current one.
    for (let odd = 0; odd < 3; odd++) {
      const [a, b] = values.filter((_, i) => i !== odd);
      if (a === b && values[odd] !== a) return { kind: 'change', password: a, oldPassword: values[odd] };
    }
    if (values[0] === values[1] && values[1] === values[2]) return { kind: 'signup', password: values[0] };
  }
  return undefined;
}

function hasNewField(all: ClassifiedField[]): boolean {
  return all.some((f) => f.role === 'new-password' || f.role === 'confirm-password');
}

function loginOnlyHinted(hints: string): boolean {
  const text = normalise(hints);
  return LOGIN_HINT.test(text) && !SIGNUP_HINT.test(text) && !CHANGE_HINT.test(text);
}

function changeHinted(hints: string): boolean {
  const text = normalise(hints);
  return CHANGE_HINT.test(text) && !SIGNUP_HINT.test(text);
}

/**
 * A single password field that creates an account: the page says "sign up" and not "log in", or it asks for
 * things only sign-ups ask (a name, several text fields).
 */
function newAccountHinted(hints: string, all: ClassifiedField[]): boolean {
  const text = normalise(hints);
  const signup = SIGNUP_HINT.test(text);
  const login = LOGIN_HINT.test(text);
  if (signup && !login) return true;
  const visibleText = all.filter((f) => f.visible && (isUsernameRole(f.role) || f.role === 'other'));
  return visibleText.length >= 3 && !login;
}

/** The account name: the best username-like field with a usable value, preferring one before the first password. */
function pickUsername(all: ClassifiedField[]): string {
  const firstPassword = all.findIndex((f) => isPasswordRole(f.role) && f.typed !== undefined);
  let best: { value: string; score: number } | undefined;
  all.forEach((f, index) => {
    if (!isUsernameRole(f.role)) return;
    const value = f.typed ?? (f.descriptor.type !== 'password' ? f.value : undefined);
    if (value === undefined || !isUsableValue(value)) return;
    // A value the page filled in only counts when the page marks the field as the username.
    if (f.typed === undefined && usernameScore(f.descriptor) < 3) return;
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
  const all = classifyFields(fields);
  const typedPasswords = all.filter((f) => isPasswordRole(f.role) && f.typed !== undefined && isUsableValue(f.typed));
  if (typedPasswords.length === 0) return usernameStep(all, context);
  const passwords = resolvePasswords(typedPasswords, all, context.hints);
  if (!passwords) return undefined;
  return { ...passwords, username: pickUsername(all) };
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
