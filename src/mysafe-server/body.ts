import type { Body } from './envelopes';

/**
 * A request body as an object: JSON, or a form (`a=1&users_allowed[0][username]=x`, the bracket style of PHP
 * form posts). Empty is `{}`; undefined means the body could not be read.
 */
export function parseBody(raw: string, contentType: string | undefined): Body | undefined {
  if (!raw.trim()) return {};
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return parseForm(raw);
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : undefined;
  } catch {
    // Without a content type a form body is still understood; with a JSON one it is not.
    return type === '' ? parseForm(raw) : undefined;
  }
}

function parseForm(raw: string): Body {
  const root: Body = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const path = key.split(/[[\]]+/).filter((part, index) => part !== '' || index === 0);
    // `__proto__[x]=1` would otherwise walk into Object.prototype and set `x` on every object of the server.
    if (path.includes('__proto__')) continue;
    let node: Body = root;
    for (const [index, part] of path.entries()) {
      if (index === path.length - 1) node[part] = value;
      else node = (node[part] = typeof node[part] === 'object' && node[part] !== null ? node[part] : {}) as Body;
    }
  }
  return arraysFromIndexes(root) as Body;
}

/** `{ "0": {...}, "1": {...} }` from a form becomes an array. */
function arraysFromIndexes(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Body;
  const keys = Object.keys(object);
  const converted = Object.fromEntries(keys.map((key) => [key, arraysFromIndexes(object[key])]));
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((key) => converted[key]);
  }
  return converted;
}

const SECRET_KEYS = new Set(['password', 'secret_key', 'client_secret', 'access_token', 'token', 'authorization']);

/** A copy with every secret value replaced by "[redacted]", at any depth. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, SECRET_KEYS.has(key.toLowerCase()) ? '[redacted]' : redactSecrets(inner)]),
  );
}
