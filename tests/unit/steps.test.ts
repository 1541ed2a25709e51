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

  describe('a password change in steps (class 15): username, current password, new password', () => {
    const site = 'https://example.com';
    const currentStep: SubmittedForm = { kind: 'login', username: '', password: 'old-pass!', step: 'current-password' };
    const newStep: SubmittedForm = { kind: 'change', username: '', password: 'n3w-pass!' };
    const walk = (forms: SubmittedForm[], at = (i: number) => 1000 * (i + 1)) => {
      let steps: StagedSteps = {};
      const merged = forms.map((form, i) => {
        const m = mergeSteps(steps, { tabId: 1, origin: site, form }, at(i));
        steps = m.steps;
        return m;
      });
      return { merged, steps };
    };

    it('the current-password step is offered as a login with the staged username (a plain two-step login ends so)', () => {
      const { merged } = walk([usernameStep, currentStep]);
      expect(merged[1].form).toEqual({ kind: 'login', username: 'ana@example.com', password: 'old-pass!' });
      expect(merged[1].replaces).toBeUndefined();
    });

    it('the new-password step that follows makes one change: that username, the new password, the old one kept', () => {
      const { merged, steps } = walk([usernameStep, currentStep, newStep]);
      expect(merged[2].form).toEqual({ kind: 'change', username: 'ana@example.com', password: 'n3w-pass!', oldPassword: 'old-pass!' });
      expect(merged[2].replaces).toEqual({ username: 'ana@example.com', password: 'old-pass!' });
      expect(steps).toEqual({});
    });

    it('also when the new password comes as a sign-up (no change words) or brings the same username', () => {
      expect(walk([usernameStep, currentStep, { ...newStep, kind: 'signup' }]).merged[2].form?.kind).toBe('change');
      expect(walk([usernameStep, currentStep, { ...newStep, username: 'ana@example.com' }]).merged[2].form?.oldPassword).toBe('old-pass!');
    });

    it('not another account, another tab, a form with its own current password, or after the step window', () => {
      expect(walk([usernameStep, currentStep, { ...newStep, username: 'bia' }]).merged[2]).toMatchObject({ form: { ...newStep, username: 'bia' } });
      expect(walk([usernameStep, currentStep, { ...newStep, oldPassword: 'x-other' }]).merged[2].replaces).toBeUndefined();
      const { steps } = walk([usernameStep, currentStep]);
      expect(mergeSteps(steps, { tabId: 2, origin: site, form: newStep }, 3000).form).toEqual(newStep);
      const late = mergeSteps(steps, { tabId: 1, origin: site, form: newStep }, 2000 + STEP_TTL_MS);
      expect(late.form).toEqual(newStep);
      expect(late.replaces).toBeUndefined();
    });
  });
});
