import { describe, expect, it } from 'vitest';
import { CONFIRM_WINDOW_MS, rejects, type SentRequest, type Watch } from '../../src/capture/submit-rules';

const watch: Watch = { captureId: 'c1', tabId: 7, frameId: 0, site: 'https://example.com', since: 100_000 };
const request = (r: Partial<SentRequest>): SentRequest => ({
  tabId: 7, frameId: 0, url: 'https://api.example.com/session', method: 'POST', startedAt: 100_050, statusCode: 401, ...r,
});

describe('rejects', () => {
  it('a 4xx answer to a POST/PUT/PATCH of the same tab and site, started around the submission', () => {
    expect(rejects(request({}), watch)).toBe(true);
    expect(rejects(request({ method: 'PUT', statusCode: 422 }), watch)).toBe(true);
    expect(rejects(request({ startedAt: 99_500 }), watch)).toBe(true); // a little before the message arrived
  });

  it('not a success, another tab or frame, another site (scheme and port count), a GET, or a request long before or after', () => {
    expect(rejects(request({ statusCode: 200 }), watch)).toBe(false);
    expect(rejects(request({ statusCode: 302 }), watch)).toBe(false);
    expect(rejects(request({ statusCode: 500 }), watch)).toBe(false);
    expect(rejects(request({ tabId: 8 }), watch)).toBe(false);
    expect(rejects(request({ frameId: 3 }), watch)).toBe(false); // a cross-origin frame posting to the top site
    expect(rejects(request({ url: 'http://api.example.com/session' }), watch)).toBe(false);
    expect(rejects(request({ url: 'https://api.example.com:8443/session' }), watch)).toBe(false);
    expect(rejects(request({ url: 'https://tracker.example.net/collect' }), watch)).toBe(false);
    expect(rejects(request({ method: 'GET' }), watch)).toBe(false);
    expect(rejects(request({ startedAt: 90_000 }), watch)).toBe(false); // an earlier failed attempt
    expect(rejects(request({ startedAt: 100_000 + CONFIRM_WINDOW_MS + 1 }), watch)).toBe(false);
  });
});
