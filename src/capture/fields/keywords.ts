// Words that tell what a field or a form is for, in English, Portuguese, Spanish, French and German (plus a few
// common ones from other languages seen on real pages). Matched against normalised text: lower case, accents
// removed, camelCase and separators turned into spaces (see `normalise`). These lists ship in the content script of
// every frame: a phrase whose every match another entry already makes ("create account" beside "create") is left out,
// and tests/unit/keywords.test.ts keeps it so.

/** Lower case, no accents, words split on separators and camelCase: "newPassword_2" → "new password 2". */
export function normalise(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .normalize('NFD')
    // Accents go (é → e, ё → е as Russian is often typed), but й keeps its breve: войти is not воити.
    .replace(/(?<!и)[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(/[^a-z0-9@\u0370-\u03ff\u0400-\u04ff\u0600-\u06ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]+/g, ' ')
    // Letter-spaced captions ("登 录"): scripts written without spaces get their characters joined again.
    .replace(CJK_SPACE, '')
    .trim();
}

const CJK = '\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af';
const CJK_SPACE = new RegExp(`(?<=[${CJK}]) (?=[${CJK}])`, 'g');

/**
 * A matcher for whole words or phrases of normalised text. Entries of scripts written without spaces (Chinese,
 * Japanese) and Cyrillic stems match anywhere.
 */
export function words(list: string[]): RegExp {
  const spaced = list.filter((w) => /^[a-z0-9 ?@\\w*]+$/.test(w));
  const anywhere = list.filter((w) => !spaced.includes(w));
  const parts = [`(?:^| )(?:${spaced.join('|')})(?: |$)`];
  if (anywhere.length) parts.push(anywhere.join('|'));
  return new RegExp(parts.join('|'));
}

export const USERNAME = words(
  ['user ?name', 'user', 'user ?id', 'log ?in', 'login ?id', 'login ?name', 'e ?mail', 'email ?address', 'mail',
    'account', 'account ?name', 'identifier', 'ident', 'member', 'member ?id', 'nick ?name', 'uid', 'usr', 'uname',
    'usuario', 'utilizador', 'cpf', 'correo', 'utilisateur', 'identifiant', 'courriel', 'benutzer', 'benutzer ?name',
    'nutzer', 'anmelde ?name', 'kennung', 'e ?mail ?adresse', 'phone', 'mobile', 'telefone', 'celular', 'telefono',
    'telephone', 'handy', 'loginfmt', 'session key', 'emailormobile', 'logon', 'signin', 'sign in', 'логин', 'почта',
    'пользователь', '用户名', '帐号', '账号', '邮箱', 'ユーザー', 'メール', 'アカウント'],
);

/** Text fields that are never a username even if a username word appears next to them. */
export const NOT_USERNAME = words(
  ['first ?name', 'last ?name', 'given ?name', 'family ?name', 'full ?name', 'middle', 'surname', 'fname', 'lname',
    'nome', 'sobrenome', 'apellido', 'prenom', 'vorname', 'nachname', 'street ?address', 'address ?line\\w*',
    'street', 'billing', 'shipping', 'city', 'zip', 'postal', 'post ?code', 'company', 'captcha', 'coupon', 'promo',
    'comment', 'message', 'subject', 'title', 'birth', 'birthday', 'dob', 'age', 'country', 'state', 'endereco',
    'cidade', 'cep', 'direccion', 'ciudad', 'adresse', 'ville', 'strasse', 'stadt', 'plz', 'confirm', 'repeat',
    'retype', 'newsletter', 'subscribe', 'friend', 'referral', 'invite', 'gift'],
);

/** Things only a sign-up (or profile) form asks for. */
export const PERSONAL = words(
  ['given ?name', 'family ?name', 'full ?name', 'surname', 'fname', 'lname', 'birth', 'birthday', 'dob',
    'birth ?date', 'day', 'month', 'year', 'gender', 'zip', 'zip ?code', 'postal', 'post ?code', 'street', 'city',
    'nome completo', 'sobrenome', 'nascimento', 'cep', 'apellido', 'apellidos', 'nacimiento', 'prenom',
    'nom de famille', 'naissance', 'vorname', 'nachname', 'geburtsdatum', 'geburtstag', 'plz', 'postleitzahl',
    'first', 'last', 'firstname', 'lastname'],
);

const SEARCH_WORDS = ['search', 'query', 'keyword', 'keywords', 'busca', 'buscar', 'pesquisa', 'pesquisar', 'busqueda',
  'recherche', 'rechercher', 'suche', 'suchen', 'find', 'site ?search', 'search ?term', 'search ?query', 'ntt'];

/** Search words of a field's name or id, where the one-letter names "q" and "s" are common. */
export const SEARCH = words([...SEARCH_WORDS, 'q', 's']);

/** Search words of what a person reads (label, placeholder): no one-letter words, which "that's" → "that s" would match. */
export const SEARCH_SHOWN = words(SEARCH_WORDS);

export const CARD = words(
  ['cc', 'cc ?number', 'card', 'credit ?card', 'cardnumber', 'cvv', 'cvc', 'csc', 'security ?code', 'iban', 'cartao',
    'tarjeta', 'carte', 'kreditkarte', 'karten ?nummer', 'expiry', 'exp ?date', 'ssn', 'social security', 'tax ?id',
    'routing ?number'],
);

export const ONE_TIME_CODE = words(
  ['otp', 'totp', '2fa', 'mfa', 'one ?time', 'one ?time ?code', 'one ?time ?password', 'verification ?code',
    'verify ?code', 'auth ?code', 'authentication ?code', 'sms ?code', 'code', 'token', 'pin', 'passcode', 'codigo',
    'bestatigungs ?code', 'sicherheits ?code', 'verification', 'tan'],
);

/** Wording that names a one-time code outright (not "code", "pin" or "token" alone, which passwords are called too). */
export const EXPLICIT_OTP = words(
  ['otp', 'totp', '2fa', 'mfa', 'one ?time', 'one ?time ?code', 'one ?time ?password', 'verification ?code',
    'verify ?code', 'auth ?code', 'authentication ?code', 'authenticator', 'sms ?code', 'security ?code sent',
    'code sent', 'sent a code', 'sent you a code', 'enter the code', 'device ?code', 'codigo de verificacao',
    'codigo enviado', 'codigo de verificacion', 'code de verification', 'bestatigungs ?code', 'sicherheits ?code',
    'tan', '验证码', '認証コード', '인증번호'],
);

export const CONFIRM = words(
  ['confirm', 'confirmation', 'confirm ?password', 'repeat', 're ?type', 're ?enter', 'again', 'verify',
    'verify ?password', 'password ?2', 'pass ?2', 'passwd ?2', 'pwd ?2', 'password ?again', 'password ?repeat',
    'password ?confirm', 'password ?confirmation', 'c ?password', 'cpass', 'pass ?conf', 'confirmar', 'confirme',
    'confirmacao', 'repetir', 'repita', 'confirmacion', 'confirmer', 'confirmez', 'retapez', 'bestatigen',
    'bestatigung', 'wiederholen', 'wiederholung', 'passwort ?wiederholen', 'ripeti', 'conferma', 'herhaal',
    'подтверд', 'повтор', '确认', '再次', '確認'],
);

export const CURRENT = words(
  ['old', 'current', 'existing', 'actual', 'present', 'previous', 'current ?password', 'atual', 'antiga', 'anterior',
    'antigua', 'actuel', 'ancien', 'ancienne', 'aktuell', 'aktuelles', 'alt', 'altes', 'bisherig', 'bisheriges',
    'oldpassword', 'oldpwd', 'curpass', 'текущ', 'старый', '当前', '旧', '現在'],
);

export const NEW = words(
  ['new', 'create', 'choose', 'set', 'nova', 'novo', 'nueva', 'nuevo', 'nouveau', 'nouvel', 'nouvelle', 'neu',
    'neues', 'neue', 'newpassword', 'newpwd', 'новый', '新'],
);

export const PASSWORD = words(
  ['password', 'passwd', 'pass', 'pwd', 'pw', 'senha', 'contrasena', 'clave', 'mot de passe', 'mdp', 'passwort',
    'kennwort', 'parola', 'wachtwoord', 'haslo', 'пароль', '密码', 'パスワード', '비밀번호'],
);

/**
 * Sentences of a form that ask for a password to be made up ("create a password", "придумайте пароль") or give the
 * rules one must follow ("6 characters or more"): a login never does either.
 */
export const ASKS_NEW = new RegExp(
  '(?:^| )(?:create|choose|pick|set|придума\\S*|cree[zr]|crie|elige|crea) (?:\\S{1,5} )?(?:password|пароль|mot de passe|senha|contrasena|passwort|parola)' +
    '|(?:^| )\\d+ (?:characters|cara\\S*|zeichen|символ)',
);

/** Text around a form that says it creates an account. */
export const SIGNUP_HINT = words(
  ['sign ?up', 'reg', 'new user', 'register', 'join', 'create', 'new account', 'enroll', 'get started', 'cadastr\\w*',
    'criar', 'crie', 'inscrever', 'inscreva', 'registr\\w*', 'crear', 'inscri\\w*', 'creer', 'anlegen', 'erstellen',
    'neues konto', 'sign ?me ?up', 'terms', 'agree', 'accept', 'aceito', 'acepto', 'accepte', 'akzeptiere',
    'zustimmen', 'accetto', 'регистр', 'создать', 'принима', 'соглас', '注册', '註冊', '登録', '新規', '가입', 'εγγραφ', 'ثبت نام', 'عضویت'],
);

/** Text around a form that says it signs in. */
export const LOGIN_HINT = words(
  ['log ?in', 'identifiez vous', 'identifique se', 'connectez vous', 'inicia sesion', 'sign ?in', 'log ?on', 'entrar',
    'acessar', 'acesse', 'iniciar sesion', 'ingresar', 'acceder', 'connexion', 'connecter', 'anmelden', 'einloggen',
    'anmeldung', 'keep me', 'forgot', 'forgotten', 'lembrar', 'esqueci', 'esqueceu', 'recordar', 'olvidaste',
    'olvido', 'oublie', 'se souvenir', 'vergessen', 'angemeldet bleiben', 'rememberme', 'remember', 'signed in',
    'logged in', 'returning customer', 'already a member', 'already have an account', 'manter conectado',
    'continuar conectado', 'mantenha me conectado', 'mantener sesion', 'rester connecte', 'eingeloggt bleiben',
    'войти', 'вход', '登录', '登入', 'ログイン', 'σύνδεση', 'συνδεση', 'ورود'],
);

/** Text around a form that says it changes or resets a password. */
export const CHANGE_HINT = words(
  ['change', 'changepassword', 'save password', 'update ?password', 'update your password', 'reset',
    'reset ?password', 'new password', 'alterar', 'trocar', 'mudar', 'redefinir', 'nova senha', 'cambiar',
    'restablecer', 'nueva contrasena', 'modifier', 'changer', 'reinitialiser', 'nouveau mot de passe', 'andern',
    'zurucksetzen', 'neues passwort', 'current password', 'old password', 'senha atual', 'contrasena actual',
    'mot de passe actuel', 'aktuelles passwort', 'сменить', 'изменить', 'новый пароль', '修改密码', '更改密码', '重置密码',
    'パスワード変更', 'パスワードの変更', 'تغییر رمز', 'رمز جدید'],
);

/**
 * Names (ids, form actions) that say change or reset. "new-password" is not one: sign-up forms use it as Chrome
 * recommends.
 */
export const CHANGE_NAME_HINT = words(
  ['change', 'changepassword', 'changepw', 'reset', 'reset ?password', 'update ?password', 'edit', 'alterar',
    'alterar ?senha', 'trocar', 'redefinir', 'cambiar', 'modifier', 'andern', 'zurucksetzen'],
);

/** Controls that look like they send a form. */
export const SUBMIT_HINT = words(
  ['submit', 'send', 'go', 'ok', 'next', 'continue', 'proceed', 'log ?in', 'sign ?in', 'sign ?up', 'register', 'join',
    'create', 'save', 'change', 'update', 'reset', 'confirm', 'done', 'entrar', 'acessar', 'continuar', 'proximo',
    'avancar', 'seguinte', 'enviar', 'cadastrar', 'criar', 'salvar', 'alterar', 'confirmar', 'iniciar sesion',
    'ingresar', 'siguiente', 'registrarse', 'crear', 'guardar', 'cambiar', 'connexion', 'se connecter', 'suivant',
    'valider', 'continuer', 'envoyer', 'inscription', 'enregistrer', 'modifier', 'anmelden', 'einloggen', 'weiter',
    'absenden', 'registrieren', 'speichern', 'andern', 'bestatigen', 'войти', '登录', '登入', 'ログイン', '注册', '註冊', '登録',
    '提交', '下一步', '确定', '確定', '次へ', '로그인', '가입', '다음'],
);

/** Controls that act on a field instead of sending the form. */
export const NOT_SUBMIT_HINT = words(
  ['show', 'hide', 'reveal', 'toggle', 'eye', 'visibility', 'forgot', 'forgotten', 'cancel', 'back', 'clear', 'close',
    'mostrar', 'ocultar', 'esconder', 'voltar', 'cancelar', 'esqueci', 'afficher', 'masquer', 'annuler', 'retour',
    'anzeigen', 'verbergen', 'abbrechen', 'zuruck', 'google', 'facebook', 'apple', 'microsoft', 'github', 'twitter',
    'sso', 'social'],
);
