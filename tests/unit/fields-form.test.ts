import { describe, expect, it } from 'vitest';
import type { FieldDescriptor } from '../../src/capture/fields/classify';
import { decideForm, type FieldState } from '../../src/capture/fields/form';

const input = (d: Partial<FieldDescriptor>, state: Partial<FieldState> = {}): FieldState => ({
  descriptor: { tag: 'input', type: 'text', name: '', id: '', autocomplete: '', label: '', placeholder: '', ariaLabel: '', ...d },
  visible: true,
  ...state,
});
const user = (typed?: string, d: Partial<FieldDescriptor> = {}) => input({ type: 'email', name: 'email', ...d }, { typed });
const pass = (typed?: string, d: Partial<FieldDescriptor> = {}) => input({ type: 'password', name: 'password', ...d }, { typed });
const sent = (hints = '') => ({ hints, submitted: true });

describe('decideForm', () => {
  it('a login: username and password as typed', () => {
    expect(decideForm([user('ana@example.com'), pass('s3cret!')], sent('Sign in'))).toEqual({
      kind: 'login', username: 'ana@example.com', password: 's3cret!',
    });
  });

  it('only counts passwords the user typed, and ignores masks and one-character values', () => {
    expect(decideForm([user('ana@example.com'), input({ type: 'password' }, { value: 'prefilled' })], sent())).toBeUndefined();
    expect(decideForm([user('ana'), pass('••••••')], sent())).toBeUndefined();
    expect(decideForm([user('ana'), pass('x')], sent())).toBeUndefined();
  });

  it('takes the username field just before the password over other text fields', () => {
    const fields = [input({ name: 'q', type: 'search' }, { typed: 'shoes' }), input({ name: 'login' }, { typed: 'ana' }), pass('pw123')];
    expect(decideForm(fields, sent())?.username).toBe('ana');
  });

  it('uses a username the page filled in when it marks the field as the username', () => {
    const fields = [input({ autocomplete: 'username', type: 'email' }, { value: 'ana@example.com' }), pass('pw123')];
    expect(decideForm(fields, sent())?.username).toBe('ana@example.com');
    expect(decideForm([input({ name: 'foo' }, { value: 'hello' }), pass('pw123')], sent())?.username).toBe('');
  });

  it('a planted field never wins over the username the user typed into a visible field', () => {
    const planted = [
      input({ autocomplete: 'username', type: 'email', name: 'email2' }, { value: 'attacker@evil.test', visible: false }),
      input({ autocomplete: 'username', type: 'hidden', name: 'user' }, { value: 'attacker@evil.test', visible: false }),
      input({ autocomplete: 'username', type: 'email', name: 'login' }, { value: 'attacker@evil.test' }),
      // Typed, but only while hidden: a script's typing, or a honeypot.
      input({ autocomplete: 'username', type: 'email', name: 'login' }, { typed: 'attacker@evil.test', visible: false }),
    ];
    for (const field of planted) {
      expect(decideForm([field, user('ana@example.com'), pass('pw123')], sent())?.username).toBe('ana@example.com');
      expect(decideForm([user('ana@example.com'), field, pass('pw123')], sent())?.username).toBe('ana@example.com');
    }
  });

  it('a value the page filled supplies the username only when the user typed none, from a field a person sees or a hidden autocomplete=username', () => {
    const hiddenMarked = input({ autocomplete: 'username', type: 'hidden' }, { value: 'ana@example.com', visible: false });
    expect(decideForm([hiddenMarked, pass('pw123')], sent())?.username).toBe('ana@example.com');
    const transparent = input({ autocomplete: 'username', type: 'email' }, { value: 'attacker@evil.test', visible: false });
    expect(decideForm([transparent, pass('pw123')], sent())?.username).toBe('');
  });

  it('a sign-up: new password and its confirmation', () => {
    const fields = [user('ana@example.com'), pass('n3w-pass', { name: 'password' }), pass('n3w-pass', { name: 'password_confirmation' })];
    expect(decideForm(fields, sent('Create account'))).toEqual({ kind: 'signup', username: 'ana@example.com', password: 'n3w-pass' });
  });

  it('a single new-password field on a page that says sign up', () => {
    expect(decideForm([user('ana@example.com'), pass('n3w-pass', { autocomplete: 'new-password' })], sent('Sign up'))?.kind).toBe('signup');
    // ...but a login form marked new-password to keep browsers away is still a login.
    expect(decideForm([user('ana'), pass('pw123', { autocomplete: 'new-password' })], sent('Log in'))?.kind).toBe('login');
  });

  it('a change form: current + new + confirm, resolved by comparing values', () => {
    const fields = [pass('old-pass'), pass('n3w-pass'), pass('n3w-pass')];
    expect(decideForm(fields, sent())).toEqual({ kind: 'change', username: '', password: 'n3w-pass', oldPassword: 'old-pass' });
    const reordered = [pass('n3w-pass'), pass('n3w-pass'), pass('old-pass')];
    expect(decideForm(reordered, sent())).toMatchObject({ password: 'n3w-pass', oldPassword: 'old-pass' });
  });

  it('does not guess when three passwords all differ, or a confirmation does not match', () => {
    expect(decideForm([pass('a-one'), pass('b-two'), pass('c-three')], sent())).toBeUndefined();
    expect(decideForm([pass('n3w-pass', { name: 'new_password' }), pass('other', { name: 'confirm_password' })], sent())).toBeUndefined();
  });

  it('two different passwords that no words tell apart, on a change page: field order, marked as a guess', () => {
    const fields = [pass('old-pass', { label: 'Password' }), pass('n3w-pass', { label: 'Password' })];
    expect(decideForm(fields, sent('Change password Save'))).toEqual({
      kind: 'change', username: '', oldPassword: 'old-pass', password: 'n3w-pass', orderGuessed: true,
    });
    // Without change evidence: nothing (two different passwords may be a mistyped confirmation).
    expect(decideForm(fields, sent('Continue'))).toBeUndefined();
  });

  it('the field whose own words say new is the new one, wherever it is: no guess', () => {
    const newFirst = [pass('n3w-pass', { label: 'New password', name: 'p1' }), pass('old-pass', { label: 'Password', name: 'p2' })];
    expect(decideForm(newFirst, sent('Change password'))).toEqual({ kind: 'change', username: '', password: 'n3w-pass', oldPassword: 'old-pass' });
    // autocomplete=new-password on both (common on change forms) tells nothing: still a guess.
    const both = [pass('old-pass', { autocomplete: 'new-password' }), pass('n3w-pass', { autocomplete: 'new-password' })];
    expect(decideForm(both, sent('Change password'))).toMatchObject({ oldPassword: 'old-pass', password: 'n3w-pass', orderGuessed: true });
  });

  it('"password2" is a confirmation on a sign-up, and may be the new password of a change form: words tell which, else it asks', () => {
    const signup = [user('ana@example.com'), pass('n3w-pass', { name: 'password1' }), pass('n3w-pass', { name: 'password2' })];
    expect(decideForm(signup, sent('Register'))).toMatchObject({ kind: 'signup', password: 'n3w-pass' });
    // A mistyped confirmation on a sign-up: nothing.
    expect(decideForm([pass('n3w-pass', { name: 'password1' }), pass('n3w-pazz', { name: 'password2' })], sent('Register'))).toBeUndefined();
    // old = "password", new = "password2", no word says which is new: field order, marked as a guess (the card asks).
    const change = [pass('old-pass', { name: 'password' }), pass('n3w-pass', { name: 'password2' })];
    expect(decideForm(change, sent('Change password'))).toEqual({
      kind: 'change', username: '', oldPassword: 'old-pass', password: 'n3w-pass', orderGuessed: true,
    });
    // Words tell: "oldpassword" is the current one, or "password2" is labelled new.
    const old = [pass('old-pass', { name: 'oldpassword' }), pass('n3w-pass', { name: 'password2' })];
    expect(decideForm(old, sent('Change password'))).toEqual({ kind: 'change', username: '', oldPassword: 'old-pass', password: 'n3w-pass' });
    const labelled = [pass('n3w-pass', { name: 'pass2', label: 'New password' }), pass('old-pass', { name: 'pass', label: 'Password' })];
    expect(decideForm(labelled, sent('Change password'))).toEqual({ kind: 'change', username: '', oldPassword: 'old-pass', password: 'n3w-pass' });
    // old + password1 + password2: by values.
    const three = [pass('old-pass', { name: 'password' }), pass('n3w-pass', { name: 'password1' }), pass('n3w-pass', { name: 'password2' })];
    expect(decideForm(three, sent('Change password'))).toMatchObject({ kind: 'change', oldPassword: 'old-pass', password: 'n3w-pass' });
    // A confirmation by its words stays one: a mismatch is a typo, not a change.
    expect(decideForm([pass('n3w-pass'), pass('n3w-pazz', { name: 'password2', label: 'Confirm password' })], sent('Change password'))).toBeUndefined();
  });

  it('current + new by their names', () => {
    const fields = [pass('n3w-pass', { name: 'newPassword' }), pass('old-pass', { name: 'currentPassword' })];
    expect(decideForm(fields, sent())).toMatchObject({ kind: 'change', password: 'n3w-pass', oldPassword: 'old-pass' });
  });

  it('new + confirm on a page that says change or reset', () => {
    expect(decideForm([pass('n3w-pass'), pass('n3w-pass')], sent('Redefinir senha'))?.kind).toBe('change');
    expect(decideForm([pass('n3w-pass'), pass('n3w-pass')], sent('Registrieren'))?.kind).toBe('signup');
  });

  it('a new-password field id is not a change by itself (sign-up forms use it too)', () => {
    const fields = [user('ana@example.com'), pass('n3w-pass', { id: 'new-password', label: 'Password' })];
    expect(decideForm(fields, sent('Create account'))?.kind).toBe('signup');
    const google = [pass('n3w-pass', { ariaLabel: 'New password' }), pass('n3w-pass', { ariaLabel: 'Confirm new password' })];
    expect(decideForm(google, sent(''))?.kind).toBe('change');
  });

  it('a consent to the terms in the form\'s own words is a sign-up, in Russian and Italian too', () => {
    const fields = [user('ana@example.com', { type: 'tel', name: 'phone' }), user(undefined), pass('n3w-pass')];
    expect(decideForm(fields, sent('Телефон Email Пароль Я принимаю условия пользовательского соглашения'))?.kind).toBe('signup');
    expect(decideForm(fields, sent('Accetto le condizioni del servizio'))?.kind).toBe('signup');
    expect(decideForm(fields, sent('Телефон Email Пароль'))?.kind).toBe('login');
  });

  it('a lone password in a form whose sentences ask to make one up or give its rules is a new one', () => {
    const rules = { ...sent('Password'), text: 'Almost there. It needs 10 characters or more. Password Next' };
    expect(decideForm([pass('n3w-pass', { label: 'Password' })], rules)).toMatchObject({ kind: 'signup' });
    expect(decideForm([pass('n3w-pass', { label: 'Password' })], { ...sent(), text: 'Введите email и придумайте пароль' })?.kind).toBe('signup');
    // The field's own placeholder giving the rules says as much.
    expect(decideForm([user('ana'), pass('n3w-pass', { placeholder: 'at least 8 characters' })], sent())?.kind).toBe('signup');
    // A reset page that asks for it stays a change; a login that says neither stays a login.
    expect(decideForm([pass('n3w-pass')], { ...sent('Reset password'), text: 'Choose a new password' })?.kind).toBe('change');
    expect(decideForm([user('ana'), pass('pw123')], { ...sent('Log in'), text: 'Forgot your password? Create account' })?.kind).toBe('login');
    // A sign-in form that also asks to create one (the same form makes new accounts) is a question, not an answer.
    const both = { attributes: 'login-form /login', ...sent('Log in Register remember me'), text: 'Enter your email and create a password' };
    expect(decideForm([user('ana'), pass('n3w-pass')], both)).toMatchObject({ kindGuessed: true });
  });

  it('reads hints in other scripts', () => {
    expect(decideForm([user('ana'), pass('n3w-pass'), pass('n3w-pass')], sent('Регистрация'))?.kind).toBe('signup');
    expect(decideForm([pass('n3w-pass'), pass('n3w-pass')], sent('تغییر رمز'))?.kind).toBe('change');
  });

  it('a username-only first step, but not a newsletter or search box', () => {
    expect(decideForm([user('ana@example.com')], sent('Next'))).toEqual({ kind: 'username', username: 'ana@example.com', password: '' });
    expect(decideForm([user('ana@example.com')], { hints: '', submitted: false })).toBeUndefined();
    expect(decideForm([input({ type: 'search', name: 'q' }, { typed: 'shoes' })], sent())).toBeUndefined();
    const contact = [input({ name: 'first_name' }, { typed: 'Ana' }), user('ana@example.com'), input({ tag: 'textarea' })];
    expect(decideForm(contact, sent())).toBeUndefined();
  });

  it('never reports a one-time code or a card number as a password', () => {
    expect(decideForm([user('ana'), pass('123456', { name: 'otp' })], sent())).toBeUndefined();
    expect(decideForm([user('ana'), pass('4111111111111111')], sent())).toBeUndefined();
  });

  describe('classes missed on real sites (issue 25)', () => {
    it('editing the pre-filled account e-mail on a change-password page keeps it a change', () => {
      const fields = [
        input({ type: 'email', name: 'email', label: 'Account e-mail' }, { typed: 'ana@new.example', startedEmpty: false }),
        input({ name: 'first_name', label: 'First name' }, { value: 'Ana', startedEmpty: false }),
        pass('n3w-pass', { label: 'New password' }), pass('n3w-pass', { label: 'Confirm new password' }),
      ];
      expect(decideForm(fields, sent('Change password Save'))?.kind).toBe('change');
      // The same fields typed into empty: a sign-up.
      const empty = fields.map((f) => ({ ...f, startedEmpty: true }));
      expect(decideForm(empty, sent('Create account'))?.kind).toBe('signup');
    });

    it('values typed into fields nobody could see do not count next to a visible typed password', () => {
      const fields = [input({ name: 'login' }, { typed: 'bot@evil.test', visible: false }), user('ana@example.com'), pass('pw123')];
      expect(decideForm(fields, sent())).toEqual({ kind: 'login', username: 'ana@example.com', password: 'pw123' });
      const onlyHidden = [input({ type: 'email', name: 'email' }, { typed: 'bot@evil.test', visible: false }), pass('pw123')];
      expect(decideForm(onlyHidden, sent())?.username).toBe('');
    });

    it('a code sent to the device, typed into a password field with no account on the page, is no login', () => {
      const code = [input({ type: 'password', name: 'field1' }, { typed: '834 221' })];
      expect(decideForm(code, sent('Enter the code we sent to your phone Verify'))).toBeUndefined();
      expect(decideForm(code, { hints: 'Continue', pageHints: 'Código de verificação', submitted: true })).toBeUndefined();
      // A password field that says password is one, whatever the page says around it.
      expect(decideForm([pass('pw123', { label: 'Password' })], sent('Enter the code we sent'))?.password).toBe('pw123');
    });

    it('a bare form whose only sign-up word is the page heading or title is a sign-up', () => {
      const bare = [input({ type: 'email', name: 'e' }, { typed: 'ana@example.com' }), pass('n3w-pass', { name: 'p' })];
      expect(decideForm(bare, { hints: 'Continue', pageHints: 'Create your account', submitted: true })?.kind).toBe('signup');
      expect(decideForm(bare, { hints: 'Sign in', pageHints: 'Create your account', submitted: true })?.kind).toBe('login');
      expect(decideForm(bare, { attributes: '/join', hints: '', submitted: true })?.kind).toBe('signup');
    });

    describe('login or sign-up on thin evidence (class 14): the kind is a guess, the card asks', () => {
      const bare = [input({ type: 'email', name: 'e' }, { typed: 'ana@example.com' }), pass('n3w-pass', { name: 'p' })];
      const guess = (context: Partial<Parameters<typeof decideForm>[1]>, fields = bare) => {
        const form = decideForm(fields, { hints: '', submitted: true, ...context });
        return { kind: form?.kind, guessed: form?.kindGuessed === true };
      };

      it('no word either way, or one page word (title, heading outside the form), or only autocomplete=new-password', () => {
        expect(guess({ hints: 'Continue', pageHints: 'Example' })).toEqual({ kind: 'login', guessed: true });
        expect(guess({ pageHints: 'Create your account' })).toEqual({ kind: 'signup', guessed: true });
        expect(guess({ pageHints: 'Sign in' })).toEqual({ kind: 'login', guessed: true });
        // An action path that says neither ("/account" serves both) adds nothing.
        expect(guess({ attributes: '/account' })).toEqual({ kind: 'login', guessed: true });
        const newPassword = [bare[0], pass('n3w-pass', { name: 'p', autocomplete: 'new-password' })];
        expect(guess({}, newPassword)).toEqual({ kind: 'signup', guessed: true });
      });

      it('words that nearly cancel out: one more point on either side is still a guess', () => {
        // The form's button says sign up (2), the page title says log in (1).
        expect(guess({ hints: 'Sign up', pageHints: 'Log in' })).toEqual({ kind: 'signup', guessed: true });
        // The action says register (3), the button says log in (2).
        expect(guess({ attributes: '/register', hints: 'Log in' })).toEqual({ kind: 'signup', guessed: true });
      });

      it('two points apart or more (the form\'s own words, its action, its field names) is no guess', () => {
        expect(guess({ hints: 'Sign in' })).toEqual({ kind: 'login', guessed: false });
        expect(guess({ hints: 'Create account' })).toEqual({ kind: 'signup', guessed: false });
        expect(guess({ attributes: '/signup' })).toEqual({ kind: 'signup', guessed: false });
        expect(guess({ attributes: '/join', pageHints: 'Sign in' })).toEqual({ kind: 'signup', guessed: false });
        expect(guess({}, [input({ name: 'login' }, { typed: 'ana' }), pass('pw123', { name: 'p' })])).toEqual({ kind: 'login', guessed: false });
      });

      it('never for a change, a current password, or two passwords', () => {
        expect(decideForm([pass('n3w-pass', { autocomplete: 'current-password' })], sent())?.kindGuessed).toBeUndefined();
        const change = decideForm([pass('n3w-pass', { label: 'New password' })], sent('Change password'));
        expect(change?.kind).toBe('change');
        expect(change?.kindGuessed).toBeUndefined();
        expect(decideForm([user('ana@example.com'), pass('n3w-pass'), pass('n3w-pass')], sent())?.kindGuessed).toBeUndefined();
      });
    });
  });

  describe('a lone current-password field sent without an account name typed beside it (class 15)', () => {
    const current = (typed: string, d: Partial<FieldDescriptor> = {}) => pass(typed, { autocomplete: 'current-password', ...d });
    it('is flagged as a current-password step: a two-step login or the step of a change in steps', () => {
      expect(decideForm([current('old-pass!')], sent('Next'))).toEqual({ kind: 'login', username: '', password: 'old-pass!', step: 'current-password' });
      // By its words alone, and with the account name the page shows in a hidden field.
      const hidden = input({ type: 'hidden', autocomplete: 'username' }, { value: 'ana', visible: false });
      expect(decideForm([hidden, pass('old-pass!', { label: 'Senha atual' })], sent('Próximo'))?.step).toBe('current-password');
    });
    it('not a login typed whole, nor a plain password field', () => {
      expect(decideForm([user('ana@example.com'), current('s3cret!')], sent('Sign in'))?.step).toBeUndefined();
      expect(decideForm([pass('s3cret!')], sent('Sign in'))?.step).toBeUndefined();
    });
  });
});
