import { describe, expect, it } from 'vitest';
import { STEP_TTL_MS, mergeSteps, stepKey, type StagedSteps } from '../../src/capture/steps';
import type { SubmittedForm } from '../../src/capture/types';

const usernameStep: SubmittedForm = { kind: 'username', username: 'ana@example.com', password: '' };
const passwordStep: SubmittedForm = { kind: 'login', username: '', password: 's3cret!' };

describe('mergeSteps', () => {
  it('stages a username step and offers nothing yet', () => {
    const merged = mergeSteps({}, { tabId: 1, origin: 'https://login.example.com', form: usernameStep }, 1000);
    expect(merged.form).toBeUndefined();
    expect(merged.steps).toEqual({ [stepKey(1, 'https://example.com')]: { username: 'ana@example.com', at: 1000 } });
  });

  it('gives the staged username to the password step of the same tab and site (another subdomain too), once', () => {
    const { steps } = mergeSteps({}, { tabId: 1, origin: 'https://login.example.com', form: usernameStep }, 1000);
    const merged = mergeSteps(steps, { tabId: 1, origin: 'https://auth.example.com', form: passwordStep }, 5000);
    expect(merged.form).toEqual({ kind: 'login', username: 'ana@example.com', password: 's3cret!' });
    expect(merged.steps).toEqual({});
  });

  it('keeps a username the password step brings itself', () => {
    const { steps } = mergeSteps({}, { tabId: 1, origin: 'https://example.com', form: usernameStep }, 1000);
    const own = { ...passwordStep, username: 'other' };
    expect(mergeSteps(steps, { tabId: 1, origin: 'https://example.com', form: own }, 2000).form).toEqual(own);
  });

  it('does not mix tabs, sites, or expired steps', () => {
    const { steps } = mergeSteps({}, { tabId: 1, origin: 'https://example.com', form: usernameStep }, 1000);
    expect(mergeSteps(steps, { tabId: 2, origin: 'https://example.com', form: passwordStep }, 2000).form?.username).toBe('');
    expect(mergeSteps(steps, { tabId: 1, origin: 'https://example.org', form: passwordStep }, 2000).form?.username).toBe('');
    // Ports and schemes never mix: two local servers, or http and https of one host, are two sites.
    const local = mergeSteps({}, { tabId: 1, origin: 'http://127.0.0.1:3000', form: usernameStep }, 1000).steps;
    expect(mergeSteps(local, { tabId: 1, origin: 'http://127.0.0.1:4000', form: passwordStep }, 2000).form?.username).toBe('');
    expect(mergeSteps(steps, { tabId: 1, origin: 'http://example.com', form: passwordStep }, 2000).form?.username).toBe('');
    const late = mergeSteps(steps, { tabId: 1, origin: 'https://example.com', form: passwordStep }, 1000 + STEP_TTL_MS);
    expect(late.form?.username).toBe('');
    expect(late.steps).toEqual({});
  });

  it('a later username step replaces the earlier one', () => {
    let steps: StagedSteps = {};
    steps = mergeSteps(steps, { tabId: 1, origin: 'https://example.com', form: usernameStep }, 1000).steps;
    steps = mergeSteps(steps, { tabId: 1, origin: 'https://example.com', form: { ...usernameStep, username: 'bia' } }, 2000).steps;
    expect(mergeSteps(steps, { tabId: 1, origin: 'https://example.com', form: passwordStep }, 3000).form?.username).toBe('bia');
  });
});
