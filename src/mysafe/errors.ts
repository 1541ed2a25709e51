export type MySafeErrorKind =
  | 'missing-field'
  | 'not-found'
  | 'no-access'
  | 'inactive'
  | 'bad-identifier'
  | 'unauthorized'
  | 'rejected-credentials'
  | 'bad-url'
  | 'server'
  | 'gateway'
  | 'timeout'
  | 'offline'
  | 'invalid-response';

export interface ServerMessage {
  en?: string;
  pt?: string;
}

/** What a MySafeError carries, as plain data (errors do not survive extension messaging as Error objects). */
export interface MySafeErrorData {
  kind: MySafeErrorKind;
  message: string;
  status?: number;
  code?: number;
  field?: string;
  serverMessage?: ServerMessage;
  retryable: boolean;
  maybeApplied?: boolean;
}

/** Whether trying the same call again later can succeed without the user changing anything. */
const RETRYABLE: Record<MySafeErrorKind, boolean> = {
  'missing-field': false,
  'not-found': false,
  'no-access': false,
  inactive: false,
  'bad-identifier': false,
  unauthorized: false,
  'rejected-credentials': false,
  'bad-url': false,
  server: true,
  gateway: true,
  timeout: true,
  offline: true,
  'invalid-response': false,
};

const DEFAULT_TEXT: Record<MySafeErrorKind, string> = {
  'missing-field': 'A required field was not sent',
  'not-found': 'Password not found',
  'no-access': 'User does not have access',
  inactive: 'Inactive password',
  'bad-identifier': 'Identifier of the wrong type',
  unauthorized: 'You are not authorized to access this resource.',
  'rejected-credentials': 'Client ID or Client Secret rejected',
  'bad-url': 'No MySafe API at this server URL',
  server: 'Unexpected error.',
  gateway: 'The gateway in front of MySafe failed',
  timeout: 'MySafe did not answer in time',
  offline: 'MySafe could not be reached',
  'invalid-response': 'MySafe sent an answer that could not be read',
};

export class MySafeError extends Error {
  readonly kind: MySafeErrorKind;
  readonly status?: number;
  /** The `exception.code` of the answer (1001, 1005, ...). */
  readonly code?: number;
  /** For missing-field: the name of the field the server asked for. */
  readonly field?: string;
  /** The server's own words, English (`message`) and Portuguese (`mensagem`), when it sent them. */
  readonly serverMessage?: ServerMessage;
  readonly retryable: boolean;
  /**
   * For a write that ended in timeout, offline mid-request or a gateway error: the server may have applied it,
   * so check (list by url + username) before creating again.
   */
  readonly maybeApplied?: boolean;

  constructor(kind: MySafeErrorKind, details: Omit<Partial<MySafeErrorData>, 'kind'> = {}) {
    super(details.message ?? details.serverMessage?.en ?? details.serverMessage?.pt ?? DEFAULT_TEXT[kind]);
    this.name = 'MySafeError';
    this.kind = kind;
    this.status = details.status;
    this.code = details.code;
    this.field = details.field;
    this.serverMessage = details.serverMessage;
    this.retryable = details.retryable ?? RETRYABLE[kind];
    this.maybeApplied = details.maybeApplied;
  }

  toJSON(): MySafeErrorData {
    return {
      kind: this.kind,
      message: this.message,
      status: this.status,
      code: this.code,
      field: this.field,
      serverMessage: this.serverMessage,
      retryable: this.retryable,
      maybeApplied: this.maybeApplied,
    };
  }
}

export function isMySafeError(value: unknown): value is MySafeError {
  return value instanceof MySafeError;
}
