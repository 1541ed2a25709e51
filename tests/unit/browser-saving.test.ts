// The switch "Let MySafe Capture ask instead of the browser": what the privacy API's level of control means for it.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

const load = (locale: string) => JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as Record<string, { message: string }>;

/** The module over a stand-in `privacy.services.passwordSavingEnabled` holding `value` at `levelOfControl`. */
async function withSetting(value: boolean, levelOfControl: string) {
  const state = { value, levelOfControl };
  const passwordSavingEnabled = {
    get: vi.fn(async () => ({ ...state })),
    set: vi.fn(async ({ value: v }: { value: boolean }) => Object.assign(state, { value: v, levelOfControl: 'controlled_by_this_extension' })),
    clear: vi.fn(async () => Object.assign(state, { value: true, levelOfControl: 'controllable_by_this_extension' })),
  };
  vi.resetModules();
  vi.doMock('webextension-polyfill', () => ({ default: { privacy: { services: { passwordSavingEnabled } } } }));
  return { passwordSavingEnabled, module: await import('../../src/platform/browser-saving') };
}

afterEach(() => vi.doUnmock('webextension-polyfill'));

describe('describeBrowserSaving', () => {
  it('words each level of control the browser reports', async () => {
    const { module } = await withSetting(true, 'controllable_by_this_extension');
    const words = (value: boolean, levelOfControl: string) => module.describeBrowserSaving({ value, levelOfControl });
    expect(words(true, 'controllable_by_this_extension')).toEqual({ askInstead: false, changeable: true });
    expect(words(false, 'controlled_by_this_extension')).toEqual({ askInstead: true, changeable: true });
    expect(words(false, 'controllable_by_this_extension')).toEqual({ askInstead: true, changeable: false, note: { key: 'browserSavingOffInBrowser' } });
    expect(words(true, 'controlled_by_other_extensions')).toEqual({ askInstead: false, changeable: false, note: { key: 'browserSavingOtherExtension' } });
    expect(words(true, 'not_controllable')).toEqual({ askInstead: false, changeable: false, note: { key: 'browserSavingPolicy' } });
    expect(words(true, 'something-newer')).toEqual({ askInstead: false, changeable: false, note: { key: 'browserSavingUnavailable' } });
  });

  it('has every note in English and Brazilian Portuguese', async () => {
    const { module } = await withSetting(true, 'controllable_by_this_extension');
    const levels = ['controllable_by_this_extension', 'controlled_by_other_extensions', 'not_controllable', 'unavailable'];
    const keys = levels.map((level) => module.describeBrowserSaving({ value: false, levelOfControl: level }).note?.key).filter(Boolean);
    expect(keys).toHaveLength(4);
    for (const locale of ['en', 'pt_BR']) for (const key of keys) expect(load(locale)[key!]?.message, `${locale} ${key}`).toBeTruthy();
    expect(load('en').browserSavingOtherExtension.message).toMatch(/^Another extension/);
    expect(load('en').browserSavingPolicy.message).toMatch(/organization/);
  });
});

describe('setAskInstead', () => {
  it('turns the browser saving off, then clears the setting to give it back', async () => {
    const { module, passwordSavingEnabled } = await withSetting(true, 'controllable_by_this_extension');
    expect(await module.setAskInstead(true)).toEqual({ askInstead: true, changeable: true });
    expect(passwordSavingEnabled.set).toHaveBeenCalledWith({ value: false });
    expect(await module.setAskInstead(false)).toEqual({ askInstead: false, changeable: true });
    expect(passwordSavingEnabled.clear).toHaveBeenCalledWith({});
  });

  it('reads as unavailable where the browser has no such setting', async () => {
    vi.resetModules();
    vi.doMock('webextension-polyfill', () => ({ default: {} }));
    const { readBrowserSaving } = await import('../../src/platform/browser-saving');
    expect(await readBrowserSaving()).toEqual({ askInstead: false, changeable: false, note: { key: 'browserSavingUnavailable' } });
  });
});
