// The answers of the local MySafe server, shaped as in shared/seeds and the table of shared/mysafe-api.md.
// Every answer carries `response` with English and Portuguese keys; the vendor fills `mensagem` with the same text.

export type Body = Record<string, unknown>;

export interface Reply {
  status: number;
  body: Body;
}

export const MESSAGES = {
  created: 'Password successfully registered',
  updated: 'Password successfully updated',
  // Not in the seeds (only create and update are documented there): chosen in the same style.
  listed: 'Passwords successfully listed',
  found: 'Password successfully found',
  inactivated: 'Password successfully inactivated',
  activated: 'Password successfully activated',
  notFound: '1005: Password not found',
  noAccess: '1006: User does not have access',
  inactive: '1009: Inactive password',
  badIdentifier: "1010: Invalid type for parameter 'identifier'",
  unauthorized: 'You are not authorized to access this resource.',
  noRoute: 'No route matched with those values.',
  unexpected: 'Unexpected error.',
  badGateway: 'An invalid response was received from the upstream server',
  gatewayTimeout: 'The upstream server is timing out',
  badBody: 'The request body could not be read',
  badGrant: "Parameter 'grant_type' must be client_credentials",
} as const;

export function missingFieldMessage(field: string): string {
  return `1001: Parameter '${field}' was not informed!`;
}

export function success(status: 200 | 201, message: string, extra: Body): Reply {
  return {
    status,
    body: {
      code: status,
      response: { status, message, error: false, error_code: 0, detail: '', mensagem: message, erro: false, cod_erro: 0 },
      ...extra,
    },
  };
}

/**
 * The seeds show two shapes of a 400. The "missing parameter" and "password not found" examples have no top-level
 * `code`, `error_code` 0 and `exception.detail` ""; this one also gets `response.detail` "" (the contract says every
 * answer has it).
 */
export function badRequestPlain(code: number, message: string): Reply {
  return {
    status: 400,
    body: {
      response: { status: 400, mensagem: message, erro: true, cod_erro: 0, message, error: true, error_code: 0, detail: '' },
      exception: { code, message, detail: '' },
    },
  };
}

/** The other shape, of the "user has no access to the password" example: top-level `code`, `error_code` 1, detail null. */
export function badRequestAccess(code: number, message: string): Reply {
  return {
    status: 400,
    body: {
      code: 400,
      response: { status: 400, message, error: true, error_code: 1, detail: '', mensagem: message, erro: true, cod_erro: 1 },
      exception: { code, message, detail: null },
    },
  };
}

/** 401, 404, 500, 502, 504 and other answers without an exception code. */
export function plainError(status: number, message: string): Reply {
  return {
    status,
    body: {
      code: status,
      response: { status, message, error: true, error_code: 0, detail: '', mensagem: message, erro: true, cod_erro: 0 },
    },
  };
}

export const unauthorized = (): Reply => plainError(401, MESSAGES.unauthorized);
export const noRoute = (): Reply => plainError(404, MESSAGES.noRoute);

export function injectedFailure(status: 500 | 502 | 504): Reply {
  const message = status === 500 ? MESSAGES.unexpected : status === 502 ? MESSAGES.badGateway : MESSAGES.gatewayTimeout;
  return plainError(status, message);
}
