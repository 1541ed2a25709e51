import { MySafeError, type MySafeErrorKind, type ServerMessage } from './errors';

/** An HTTP answer read to its end. `body` is the parsed JSON, or undefined when the body was empty or not JSON. */
export interface Answer {
  status: number;
  body: unknown;
}

export interface SendOptions {
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** A create, update, disable or enable: the error then says whether the server may have applied it. */
  isWrite: boolean;
}

/**
 * One request with a deadline that covers the answer's body too (a server may send headers and then stall).
 * A network failure becomes `offline`, the deadline `timeout`; neither message carries the URL or a header.
 */
export async function send(fetchFn: typeof fetch, url: string, options: SendOptions): Promise<Answer> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    const response = await fetchFn(url, {
      method: options.method,
      headers: options.headers,
      body: options.body,
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
      // A redirect would resend the body (the client secret, a password) to wherever it points: stop instead.
      redirect: 'manual',
    });
    const text = await response.text();
    return { status: response.status, body: parseJson(text) };
  } catch {
    if (timedOut) {
      throw new MySafeError('timeout', {
        message: `MySafe did not answer within ${Math.round(options.timeoutMs / 100) / 10} s`,
        maybeApplied: options.isWrite || undefined,
      });
    }
    throw new MySafeError('offline', { maybeApplied: options.isWrite || undefined });
  } finally {
    clearTimeout(timer);
  }
}

function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The server's English and Portuguese messages, from `exception`, `response` or a bare gateway `{message}`. */
export function serverMessageOf(body: unknown, secrets: readonly string[]): ServerMessage | undefined {
  if (!isRecord(body)) return undefined;
  const response = isRecord(body.response) ? body.response : {};
  const exception = isRecord(body.exception) ? body.exception : {};
  const en = firstString(exception.message, response.message, body.message);
  const pt = firstString(response.mensagem, body.mensagem);
  if (en === undefined && pt === undefined) return undefined;
  return { en: en === undefined ? undefined : redact(en, secrets), pt: pt === undefined ? undefined : redact(pt, secrets) };
}

function firstString(...values: unknown[]): string | undefined {
  for (const value of values) if (typeof value === 'string' && value.trim()) return value.trim();
  return undefined;
}

/** A server could echo what it was sent: never let a secret through into an error message. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 3) out = out.split(secret).join('[redacted]');
  // Shortened after redacting: a cut through a secret would leave its start unmatched.
  return out.length > 500 ? `${out.slice(0, 500)}…` : out;
}

const EXCEPTION_KINDS: Record<number, MySafeErrorKind> = {
  1001: 'missing-field',
  1005: 'not-found',
  1006: 'no-access',
  1009: 'inactive',
  1010: 'bad-identifier',
};

/** Turns a non-2xx answer of an API call into the one error type the UI switches on. */
export function errorFromAnswer(answer: Answer, isWrite: boolean, secrets: readonly string[]): MySafeError {
  const { status, body } = answer;
  const serverMessage = serverMessageOf(body, secrets);
  const exception = isRecord(body) && isRecord(body.exception) ? body.exception : undefined;
  const code = typeof exception?.code === 'number' ? exception.code : Number(exception?.code) || undefined;

  if (status === 400 && code !== undefined) {
    const kind = EXCEPTION_KINDS[code];
    if (kind === 'missing-field') {
      const field = /'([^']+)'/.exec(serverMessage?.en ?? serverMessage?.pt ?? '')?.[1];
      return new MySafeError(kind, { status, code, field, serverMessage });
    }
    if (kind) return new MySafeError(kind, { status, code, serverMessage });
    // An exception code this client does not know: the server refused the request as made.
    return new MySafeError('server', { status, code, serverMessage, retryable: false });
  }
  // 0 is how a browser reports a redirect not followed; a MySafe API does not redirect.
  if (status === 0 || (status >= 300 && status < 400)) {
    return new MySafeError('bad-url', { status, message: 'The server URL redirects elsewhere; check it' });
  }
  if (status === 401 || status === 403) return new MySafeError('unauthorized', { status, code, serverMessage });
  if (status === 404) return new MySafeError('bad-url', { status, serverMessage });
  if (status === 502 || status === 503 || status === 504) {
    return new MySafeError('gateway', { status, serverMessage, maybeApplied: isWrite || undefined });
  }
  if (status >= 500) return new MySafeError('server', { status, code, serverMessage });
  return new MySafeError('invalid-response', {
    status,
    serverMessage,
    message: `MySafe answered with an unexpected status ${status}`,
  });
}
