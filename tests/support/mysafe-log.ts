// Reading the local MySafe server's log in the browser tests (Chromium and Firefox): which logged requests were a
// create, a look for an earlier create, a token request.
import type { LoggedRequest, MySafeServer } from '../../src/mysafe-server';

export const isCreate = (r: LoggedRequest) => r.method === 'POST' && r.path === '/api/mysafe/password';
/** A list by username: how a save looks for a create that may have gone through. */
export const isLookup = (r: LoggedRequest) => r.method === 'GET' && r.path === '/api/mysafe/password' && r.query.username !== undefined;
export const isTokenRequest = (r: LoggedRequest) => r.method === 'POST' && r.path === '/api/oauth2/token';
/** The creates the server received, in order. */
export const creates = (ext: { mysafe: MySafeServer }) => ext.mysafe.requests().filter(isCreate);
