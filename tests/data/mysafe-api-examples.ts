// The vendor's documented examples of the MySafe API, kept as the project's own test data so that tests need nothing
// outside the repository. Written from the vendor's pages "Create or update a password" (English and Portuguese
// copies) and "PUT | Update a password", and from the error table of the project's API contract: only the endpoints,
// status codes, exception codes, messages and example envelopes the tests check.

/** The `response` object every answer carries, with English and Portuguese keys. */
export interface ResponseEnvelope {
  status: number;
  message: string;
  error: boolean;
  error_code: number;
  detail?: string;
  mensagem: string;
  erro: boolean;
  cod_erro: number;
}

export interface ExceptionEnvelope {
  code: number;
  message: string;
  detail: string | null;
}

export interface SharingUserExample {
  username: string;
  can_edit?: boolean;
}

export interface SharingGroupExample {
  name: string;
  can_edit?: boolean;
}

export interface EntryRequestExample {
  name: string;
  url: string;
  username: string;
  password: string;
  secret_key: string;
  notes: string;
  tags: string;
  users_allowed: SharingUserExample[];
  groups_allowed: SharingGroupExample[];
}

export interface PasswordEntityExample {
  identifier: string;
  name: string;
  url: string;
  username: string;
  note: string;
  tags: string;
  users_allowed: Required<SharingUserExample>[];
  groups_allowed: Required<SharingGroupExample>[];
  shared_error: unknown[];
}

export interface SuccessExample {
  code: number;
  response: ResponseEnvelope;
  password_entity: PasswordEntityExample;
}

export interface ErrorExample {
  code?: number;
  response: ResponseEnvelope;
  exception: ExceptionEnvelope;
}

/** The seven JSON examples of a "Create or update a password" page, in page order. */
export interface CreateOrUpdateExamples {
  createRequest: EntryRequestExample;
  /** `HTTP/1.1 201 Created` */
  createResponse: SuccessExample;
  /** `400`, "missing a required parameter": no top-level `code`, no `response.detail`, `exception.detail` "". */
  missingField: ErrorExample;
  updateRequest: EntryRequestExample;
  /** `HTTP/1.1 200 OK` */
  updateResponse: SuccessExample;
  /** `400`, "user has no access to the password": top-level `code`, `error_code` 1, `exception.detail` null. */
  noAccess: ErrorExample;
  /** `400`, "password not found": the shape of `missingField`. */
  notFound: ErrorExample;
}

export const ENDPOINTS = {
  /** The pages write GET; the contract decides POST with a form (see the API contract's token section). */
  token: '/api/oauth2/token',
  /** The same token endpoint on some installs. */
  isoToken: '/iso/oauth2/token',
  create: 'POST /api/mysafe/password',
  /** One vendor page writes POST for this path; the server accepts both. */
  update: 'PUT /api/mysafe/password/update/[identifier]',
} as const;

const responseOf = (status: number, message: string, error: boolean): ResponseEnvelope => ({
  status,
  message,
  error,
  error_code: 0,
  detail: '',
  mensagem: message,
  erro: error,
  cod_erro: 0,
});

const createRequest: EntryRequestExample = {
  name: 'senseg account',
  url: 'www.senhasegura.com',
  username: 'npass',
  password: '8jhfy@3789',
  secret_key: 'JBSWY3DPEHPK3PXP',
  notes: 'Access details',
  tags: 'tag1, tag2',
  users_allowed: [{ username: 'pduarte' }],
  groups_allowed: [{ name: 'Test group', can_edit: false }],
};

const updatedEntity: PasswordEntityExample = {
  identifier: '312',
  name: 'senhasegura account',
  url: 'www.url.com',
  username: 'senhapass',
  note: 'Access details for this key.',
  tags: 'access',
  users_allowed: [{ username: 'pduarte', can_edit: true }],
  groups_allowed: [{ name: 'Test group', can_edit: true }],
  shared_error: [],
};

const MISSING_USERNAME = "1001: Parameter 'username' was not informed!";
const NOT_FOUND = '1005: Password not found';

const english: CreateOrUpdateExamples = {
  createRequest,
  createResponse: {
    code: 201,
    response: responseOf(201, 'Password successfully registered', false),
    password_entity: {
      identifier: '312',
      name: 'senseg account',
      url: 'www.senhasegura.com',
      username: 'npass',
      note: 'Access details',
      tags: 'tag1, tag2',
      users_allowed: [{ username: 'pduarte', can_edit: false }],
      groups_allowed: [{ name: 'Test group', can_edit: false }],
      shared_error: [],
    },
  },
  missingField: {
    response: { status: 400, mensagem: MISSING_USERNAME, erro: true, cod_erro: 0, message: MISSING_USERNAME, error: true, error_code: 0 },
    exception: { code: 1001, message: MISSING_USERNAME, detail: '' },
  },
  updateRequest: {
    name: 'senhasegura account',
    username: 'senhapass',
    url: 'www.url.com',
    password: 'x%8jhfy@3789a',
    notes: 'Access details for this key.',
    tags: 'access',
    secret_key: '3DPEHPK3PXPGHODADA',
    users_allowed: [{ username: 'pduarte', can_edit: true }],
    groups_allowed: [{ name: 'Test group', can_edit: true }],
  },
  updateResponse: { code: 200, response: responseOf(200, 'Password successfully updated', false), password_entity: updatedEntity },
  noAccess: {
    code: 400,
    response: { ...responseOf(400, NOT_FOUND, true), error_code: 1, cod_erro: 1 },
    exception: { code: 1005, message: NOT_FOUND, detail: null },
  },
  notFound: {
    response: { status: 400, mensagem: NOT_FOUND, erro: true, cod_erro: 0, message: NOT_FOUND, error: true, error_code: 0 },
    exception: { code: 1005, message: NOT_FOUND, detail: '' },
  },
};

/** The Portuguese page: the same examples, except that its update request sends the group with `can_edit: false`. */
const portuguese: CreateOrUpdateExamples = {
  ...english,
  updateRequest: { ...english.updateRequest, groups_allowed: [{ name: 'Test group', can_edit: false }] },
};

export const CREATE_OR_UPDATE_PAGES = { en: english, pt: portuguese } as const;

/** "PUT | Update a password": its example request (the create request of the other pages) and response. */
export const PUT_PAGE = {
  request: createRequest,
  response: { code: 200, response: responseOf(200, 'Password successfully updated', false), password_entity: updatedEntity } as SuccessExample,
};

/** Errors without an exception code, with the messages the vendor's gateway gives (the contract's error table). */
export const ERROR_TABLE = {
  401: 'You are not authorized to access this resource.',
  404: 'No route matched with those values.',
  500: 'Unexpected error.',
  502: 'An invalid response was received from the upstream server',
  504: 'The upstream server is timing out',
} as const;

/** Exception codes of a 400 and their messages (1001 names the missing field in the quotes). */
export const EXCEPTION_MESSAGES = {
  1001: (field: string) => `1001: Parameter '${field}' was not informed!`,
  1005: NOT_FOUND,
  1006: '1006: User does not have access',
  1009: '1009: Inactive password',
  1010: "1010: Invalid type for parameter 'identifier'",
} as const;
