import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as keywords from '../../src/capture/fields/keywords';
import { words } from '../../src/capture/fields/keywords';

// The word lists ship in the content script of every frame, so each entry has to earn its bytes: an entry is left out
// when the other entries of its list already match everything it matches.

const source = readFileSync(new URL('../../src/capture/fields/keywords.ts', import.meta.url), 'utf8');

/** Each `export const NAME = words([...])` list as written (a list spreading another is skipped). */
function lists(): [string, string[]][] {
  const found: [string, string[]][] = [];
  for (const [, name, body] of source.matchAll(/export const (\w+) = words\(\s*\[([\s\S]*?)\],?\s*\);/g)) {
    if (body.includes('...')) continue;
    found.push([name, [...body.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map(([, entry]) => entry.replace(/\\\\/g, '\\'))]);
  }
  return found;
}

/** The texts an entry matches on its own: each optional space present or absent ("sign ?in" → "sign in", "signin"). */
function spellings(entry: string): string[] {
  const [first, ...rest] = entry.split(' ?');
  return rest.reduce((texts, piece) => texts.flatMap((text) => [`${text} ${piece}`, `${text}${piece}`]), [first]);
}

describe('keyword lists', () => {
  it('are read from the source as shipped', () => {
    const read = lists();
    expect(read.length).toBeGreaterThan(10);
    for (const [name, list] of read) {
      expect(String(words(list)), name).toBe(String((keywords as unknown as Record<string, RegExp>)[name]));
    }
  });

  it('hold no entry the rest of its list already matches', () => {
    const redundant: string[] = [];
    for (const [name, list] of lists()) {
      for (const entry of list) {
        if (/[\\*]/.test(entry)) continue;
        const rest = words(list.filter((other) => other !== entry));
        if (spellings(entry).every((text) => rest.test(text))) redundant.push(`${name}: '${entry}'`);
      }
    }
    expect(redundant).toEqual([]);
  });

  // Phrases taken out for size: still matched, through a shorter entry.
  it.each([
    ['USERNAME', ['login', 'correo electronico', 'nome de usuario', 'adresse e mail', 'email or phone', 'username or email']],
    ['PERSONAL', ['date of birth', 'data de nascimento', 'fecha de nacimiento', 'codigo postal', 'first name', 'lastname']],
    ['CARD', ['card number', 'numero do cartao', 'social security number']],
    ['CONFIRM', ['retype', 'reenter', 'cpassword']],
    ['CURRENT', ['old password', 'senha atual', 'contrasena actual']],
    ['SIGNUP_HINT', ['create an account', 'criar conta', 'konto erstellen', 'registration', 'signup', 'i agree']],
    ['LOGIN_HINT', ['remember me', 'stay signed in', 'se connecter', 'acesse sua conta', 'signin', 'logon']],
    ['CHANGE_HINT', ['change your password', 'changepassword', 'change password', 'alterar senha', 'passwort andern']],
    ['SUBMIT_HINT', ['create account', 'login', 'signin', 'signup']],
  ])('%s still matches the phrases left out', (name, phrases) => {
    const matcher = (keywords as unknown as Record<string, RegExp>)[name];
    for (const phrase of phrases) expect(matcher.test(phrase), phrase).toBe(true);
  });
});
