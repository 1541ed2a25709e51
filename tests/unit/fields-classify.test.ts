import { describe, expect, it } from 'vitest';
import { classifyField, isPasswordBox, type FieldDescriptor } from '../../src/capture/fields/classify';
import { isCardNumber, isMasked, isUsableValue } from '../../src/capture/fields/values';
import { normalise } from '../../src/capture/fields/keywords';

const field = (d: Partial<FieldDescriptor>): FieldDescriptor => ({
  tag: 'input', type: 'text', name: '', id: '', autocomplete: '', label: '', placeholder: '', ariaLabel: '', ...d,
});

describe('normalise', () => {
  it('splits camelCase and separators, drops accents', () => {
    expect(normalise('newPassword_2')).toBe('new password 2');
    expect(normalise('Usuário / E-mail')).toBe('usuario e mail');
  });

  it('keeps the breve of й, so the Russian words written with it match (войти, новый, старый)', () => {
    expect(normalise('Войти')).toBe('войти');
    expect(normalise('Новый пароль')).toBe('новый пароль');
    expect(normalise('Ещё')).toBe('еще');
    expect(classifyField(field({ type: 'password', label: 'Старый пароль' }))).toBe('current-password');
    expect(classifyField(field({ type: 'password', label: 'Новый пароль' }))).toBe('new-password');
  });
});

describe('classifyField', () => {
  it('uses autocomplete first', () => {
    expect(classifyField(field({ autocomplete: 'username' }))).toBe('username');
    expect(classifyField(field({ type: 'password', autocomplete: 'current-password', name: 'new' }))).toBe('current-password');
    expect(classifyField(field({ type: 'password', autocomplete: 'section-a new-password' }))).toBe('new-password');
    expect(classifyField(field({ autocomplete: 'one-time-code', name: 'username' }))).toBe('otp');
    expect(classifyField(field({ autocomplete: 'cc-number' }))).toBe('card');
  });

  it('finds usernames in English, Portuguese, Spanish, French and German', () => {
    for (const words of ['Username', 'Login', 'E-mail address', 'Usuário', 'CPF', 'Correo electrónico', 'Nombre de usuario',
      'Identifiant', 'Courriel', 'Benutzername', 'E-Mail-Adresse']) {
      expect(classifyField(field({ label: words })), words).toBe('username');
    }
    expect(classifyField(field({ name: 'email_address' }))).toBe('username');
    expect(classifyField(field({ type: 'email' }))).toBe('username');
    expect(classifyField(field({ type: 'tel' }))).toBe('username');
  });

  it('tells plain text, names, searches, cards and one-time codes apart', () => {
    expect(classifyField(field({ name: 'nickname_field' }))).toBe('username');
    expect(classifyField(field({ name: 'foo' }))).toBe('text');
    expect(classifyField(field({ name: 'firstName' }))).toBe('other');
    expect(classifyField(field({ name: 'street_address' }))).toBe('other');
    expect(classifyField(field({ type: 'search', name: 'q' }))).toBe('search');
    expect(classifyField(field({ name: 'q' }))).toBe('search');
    expect(classifyField(field({ placeholder: 'Pesquisar' }))).toBe('search');
    expect(classifyField(field({ name: 'cardNumber' }))).toBe('card');
    expect(classifyField(field({ name: 'otp' }))).toBe('otp');
    expect(classifyField(field({ label: 'Código de verificação' }))).toBe('otp');
    expect(classifyField(field({ type: 'checkbox', name: 'remember' }))).toBe('ignore');
    expect(classifyField(field({ type: 'hidden', name: 'user' }))).toBe('ignore');
    expect(classifyField(field({ type: 'hidden', autocomplete: 'username' }))).toBe('username');
  });

  it('tells current, new and confirmation passwords apart', () => {
    const pw = (d: Partial<FieldDescriptor>) => classifyField(field({ type: 'password', ...d }));
    expect(pw({ name: 'password' })).toBe('password');
    expect(pw({ name: 'old_password' })).toBe('current-password');
    expect(pw({ label: 'Senha atual' })).toBe('current-password');
    expect(pw({ label: 'Contraseña actual' })).toBe('current-password');
    expect(pw({ label: 'Aktuelles Passwort' })).toBe('current-password');
    expect(pw({ name: 'newPassword' })).toBe('new-password');
    expect(pw({ label: 'Nova senha' })).toBe('new-password');
    expect(pw({ label: 'Nouveau mot de passe' })).toBe('new-password');
    expect(pw({ name: 'password_confirmation' })).toBe('confirm-password');
    expect(pw({ label: 'Confirme a senha' })).toBe('confirm-password');
    expect(pw({ label: 'Passwort wiederholen' })).toBe('confirm-password');
    expect(pw({ label: 'Confirmer le mot de passe' })).toBe('confirm-password');
    expect(pw({ name: 'otp_code' })).toBe('otp');
    expect(pw({ name: 'ssn', label: 'Social Security number' })).toBe('card');
    expect(pw({ name: 'cvv' })).toBe('card');
  });

  it('keeps a password field the page switched to text ("show password")', () => {
    expect(classifyField(field({ type: 'text', name: 'x', wasPassword: true }))).toBe('password');
  });
});

describe('values', () => {
  it('recognises masks, card numbers and too-short values', () => {
    expect(isMasked('••••••')).toBe(true);
    expect(isMasked('********')).toBe(true);
    expect(isMasked('pa**word')).toBe(false);
    expect(isCardNumber('4111 1111 1111 1111')).toBe(true);
    expect(isCardNumber('4111 1111 1111 1112')).toBe(false);
    expect(isUsableValue('a')).toBe(false);
    expect(isUsableValue('ab')).toBe(true);
    expect(isUsableValue('****')).toBe(false);
  });
});

describe('classes missed on real sites (issue 25)', () => {
  it('a password field named like a code but labelled password is a password; explicit or code-shaped codes are not', () => {
    expect(classifyField(field({ type: 'password', name: 'login_code', label: 'Password' }))).toBe('password');
    expect(classifyField(field({ type: 'password', name: 'access_code', label: 'Senha' }))).toBe('password');
    expect(classifyField(field({ type: 'password', name: 'pin_code', maxLength: 6 }))).toBe('otp');
    expect(classifyField(field({ type: 'password', name: 'token', inputMode: 'numeric' }))).toBe('otp');
    expect(classifyField(field({ type: 'password', name: 'field3', label: 'Verification code' }))).toBe('otp');
    expect(classifyField(field({ type: 'password', name: 'field3', label: 'Password verification' }))).not.toBe('otp');
    // Words of the name and of the label are not read as one phrase: id "c" + "Password" is no "c password".
    expect(classifyField(field({ type: 'password', id: 'c', name: 'access_code', label: 'Password' }))).toBe('password');
  });

  it('a contact-form word in the name gives way to login or e-mail words in the id or label', () => {
    expect(classifyField(field({ name: 'message_email', id: 'login-email', label: 'E-mail' }))).toBe('username');
    expect(classifyField(field({ name: 'subject_user', placeholder: 'Username' }))).toBe('username');
    expect(classifyField(field({ name: 'message', label: 'Message' }))).not.toBe('username');
    expect(classifyField(field({ name: 'confirm_email', label: 'Confirm e-mail' }))).not.toBe('username');
  });

  it('one-letter search words count in names only, not in what a person reads', () => {
    expect(classifyField(field({ name: 'q' }))).toBe('search');
    expect(classifyField(field({ name: 'acct', label: "That's your account" }))).toBe('username');
    expect(classifyField(field({ name: 'x', label: 'Search the site' }))).toBe('search');
  });

  it('letter-spaced CJK captions are joined again', () => {
    expect(normalise('登 录')).toBe('登录');
    expect(normalise('用 户 名')).toBe('用户名');
    expect(normalise('log in')).toBe('log in');
  });
});

describe('isPasswordBox (a text field a page masks itself, issue 25 class 12)', () => {
  it('is a plain text field that words call a password', () => {
    expect(isPasswordBox(field({ name: 'senha' }))).toBe(true);
    expect(isPasswordBox(field({ label: 'Password' }))).toBe(true);
    expect(isPasswordBox(field({ placeholder: 'Mot de passe' }))).toBe(true);
    expect(isPasswordBox(field({ id: 'current_password' }))).toBe(true);
  });

  it('is never a search, code, card, new or repeated password, nor a field of another type', () => {
    expect(isPasswordBox(field({ name: 'q', placeholder: 'Search passwords' }))).toBe(false);
    expect(isPasswordBox(field({ name: 'otp', label: 'One-time password' }))).toBe(false);
    expect(isPasswordBox(field({ name: 'card_pin', label: 'Card password' }))).toBe(false);
    expect(isPasswordBox(field({ name: 'new_password' }))).toBe(false);
    expect(isPasswordBox(field({ name: 'password_confirm' }))).toBe(false);
    expect(isPasswordBox(field({ name: 'username', label: 'User name (not your password)' }))).toBe(false);
    expect(isPasswordBox(field({ name: 'message', label: 'Message' }))).toBe(false);
    expect(isPasswordBox(field({ type: 'email', label: 'Password' }))).toBe(false);
    expect(isPasswordBox(field({ type: 'password', name: 'password' }))).toBe(false);
    expect(isPasswordBox(field({ name: 'password', wasPassword: true }))).toBe(false);
  });
});
