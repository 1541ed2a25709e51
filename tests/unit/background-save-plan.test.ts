// What a save sends: a create body, or an update body with only the changed fields (src/save/plan.ts).
import { describe, expect, it } from 'vitest';
import { describeUpdate, planSave } from '../../src/save/plan';
import type { EntryValues } from '../../src/capture/types';

const entry = {
  identifier: '7',
  name: 'Shop',
  url: 'shop.example/login',
  username: 'ana@example.com',
  password: 'old-pw',
  notes: '',
  tags: 'shop,work',
  users_allowed: [],
  groups_allowed: [{ name: 'Team', can_edit: false }],
};

/** A login card's values for updating `entry` with a new password: the entry's own fields, as the popup fills them. */
const card = (change: Partial<EntryValues> = {}): EntryValues => ({
  target: '7',
  name: 'Shop',
  url: 'shop.example/login',
  username: 'ana@example.com',
  password: 'new-pw',
  notes: '',
  tags: 'work, shop',
  users_allowed: [],
  groups_allowed: [{ name: 'Team' }],
  ...change,
});

describe('planSave', () => {
  it('an update with a new password alone sends only the password', () => {
    expect(planSave(card(), entry)).toEqual({ method: 'update', identifier: '7', body: { password: 'new-pw' } });
  });

  it('an update sends the fields the user changed, sharing as a whole list', () => {
    const plan = planSave(card({ password: 'old-pw', tags: 'shop', groups_allowed: [{ name: 'Team', can_edit: true }] }), entry);
    expect(plan).toEqual({ method: 'update', identifier: '7', body: { tags: 'shop', groups_allowed: [{ name: 'Team', can_edit: true }] } });
  });

  it('an update with nothing changed has an empty body', () => {
    expect(planSave(card({ password: 'old-pw' }), entry)).toEqual({ method: 'update', identifier: '7', body: {} });
  });

  it('a key card sends only the key', () => {
    expect(planSave({ target: '7', secretKey: 'jbsw y3dp ehpk 3pxp' }, entry)).toEqual({ method: 'update', identifier: '7', body: { secret_key: 'JBSWY3DPEHPK3PXP' } });
  });

  it('a create sends the values, cleaned, and leaves out what is empty', () => {
    const plan = planSave(card({ target: 'new', name: ' Shop ', tags: 'a, b,, ', users_allowed: [{ username: 'bob', can_edit: true }], groups_allowed: [] }));
    expect(plan).toEqual({
      method: 'create',
      body: { name: 'Shop', url: 'shop.example/login', username: 'ana@example.com', password: 'new-pw', tags: 'a,b', users_allowed: [{ username: 'bob', can_edit: true }] },
    });
  });

  it('a create without a required field sends nothing', () => {
    expect(planSave(card({ target: 'new', username: '  ' }))).toEqual({ method: 'invalid', field: 'username' });
    expect(planSave(card({ target: 'new', password: '' }))).toEqual({ method: 'invalid', field: 'password' });
  });
});

describe('describeUpdate', () => {
  it('names secrets without showing them, and shows other fields from → to', () => {
    const body = planSave(card({ tags: 'shop', groups_allowed: [{ name: 'Team', can_edit: true }] }), entry);
    if (body.method !== 'update') throw new Error('not an update');
    expect(describeUpdate(entry, { ...body.body, secret_key: 'ABC' })).toEqual([
      { field: 'password' },
      { field: 'tags', from: 'shop,work', to: 'shop' },
      { field: 'groups_allowed', from: 'Team', to: 'Team (edit)' },
      { field: 'secret_key' },
    ]);
  });
});
