// "See why" › "Forms on this page": what the login-like forms of each frame of a tab are, from the plain field
// descriptions src/capture/forms-in-page.ts reads there (never a value). The frame's answer is checked and capped
// again here: a page may hold anything, a compromised renderer may answer anything. Pure: no browser globals.
import { classifyField, isPasswordRole, type FieldDescriptor, type FieldRole } from './fields/classify';
import { newPasswordKind, newness, onePasswordKind, wordEvidence } from './fields/form';
import { hostOf } from '../platform/origin';
import type { FormKind } from './types';

export const MAX_FORMS_PER_FRAME = 10;
export const MAX_FIELDS_PER_FORM = 20;
export const MAX_TEXT = 200;
/** Frames listed per tab (a page of ads has dozens). */
export const MAX_FRAMES = 20;

/** A form, or the form-less fields of a document, as the in-page function reads it: its visible fields only. */
export interface FieldGroup {
  fields: FieldDescriptor[];
  /** The form's id, name, action and class. */
  attributes: string;
  /** Its headings and its buttons' words. */
  hints: string;
}

/** What the in-page function answers for one frame. */
export interface FrameScan {
  /** What the frame says its origin is: shown as text, never used to decide anything. */
  origin: string;
  /** The page's title and first heading. */
  pageHints: string;
  groups: FieldGroup[];
  /** More groups than MAX_FORMS_PER_FRAME (or fields than MAX_FIELDS_PER_FORM) were there. */
  cut: boolean;
}

/** What a field is for, as the panel names it. */
export type SeenRole = 'username' | 'password' | 'current-password' | 'new-password' | 'confirm-password' | 'otp' | 'other';

export type SeenKind = FormKind | 'unknown';

/** One line of "Forms on this page". */
export interface SeenForm {
  /** The host (and port) the frame says it is of; '' when it has none (a sandboxed frame). */
  frame: string;
  /** The tab's top frame (the browser's word: frame id 0). */
  top: boolean;
  kind: SeenKind;
  /** Its visible fields by role, in document order. */
  roles: SeenRole[];
}

export interface SeenForms {
  forms: SeenForm[];
  /** Some forms or frames were left out by the caps. */
  cut: boolean;
}

const SEEN_ROLES: Partial<Record<FieldRole, SeenRole>> = {
  username: 'username',
  password: 'password',
  'current-password': 'current-password',
  'new-password': 'new-password',
  'confirm-password': 'confirm-password',
  otp: 'otp',
};

const text = (value: unknown): string => (typeof value === 'string' ? value.slice(0, MAX_TEXT) : '');
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function readDescriptor(raw: unknown): FieldDescriptor | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const d = raw as Record<string, unknown>;
  return {
    tag: text(d.tag),
    type: text(d.type),
    name: text(d.name),
    id: text(d.id),
    autocomplete: text(d.autocomplete),
    label: text(d.label),
    placeholder: text(d.placeholder),
    ariaLabel: text(d.ariaLabel),
    className: text(d.className),
    maxLength: count(d.maxLength),
    inputMode: text(d.inputMode),
  };
}

/** A frame's answer as a FrameScan, capped; undefined when it is not one. */
export function readFrameScan(raw: unknown): FrameScan | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const scan = raw as Record<string, unknown>;
  if (!Array.isArray(scan.groups)) return undefined;
  let cut = scan.cut === true || scan.groups.length > MAX_FORMS_PER_FRAME;
  const groups: FieldGroup[] = [];
  for (const rawGroup of scan.groups.slice(0, MAX_FORMS_PER_FRAME)) {
    const group = (rawGroup ?? {}) as Record<string, unknown>;
    const rawFields = Array.isArray(group.fields) ? group.fields : [];
    if (rawFields.length > MAX_FIELDS_PER_FORM) cut = true;
    const fields = rawFields.slice(0, MAX_FIELDS_PER_FORM).map(readDescriptor).filter((d) => d !== undefined);
    groups.push({ fields, attributes: text(group.attributes), hints: text(group.hints) });
  }
  return { origin: text(scan.origin), pageHints: text(scan.pageHints), groups, cut };
}

/**
 * What a group nobody has typed into is likely to be, from its fields' roles first: a current password beside a new
 * one is a change; a second password or a confirmation a new account unless the page speaks of a change; a single
 * password goes by the rule of a submitted one (fields/form.ts onePasswordKind). Without a password, a lone
 * account-name field is a username step.
 */
export function likelyKind(group: FieldGroup, pageHints: string): SeenKind {
  const all = group.fields.map((descriptor) => ({ descriptor, visible: true, role: classifyField(descriptor) }));
  const roles = all.map((f) => SEEN_ROLES[f.role]);
  const evidence = wordEvidence(all, { attributes: group.attributes, hints: group.hints, pageHints, submitted: false });
  const passwords = all.filter((f) => isPasswordRole(f.role));
  if (passwords.length === 0) {
    const asked = all.filter((f) => f.role !== 'ignore');
    const oneName = asked.length <= 2 && roles.filter((role) => role === 'username').length === 1 && !roles.includes('otp');
    return oneName && !all.some((f) => f.role === 'other') && evidence.signup <= evidence.login ? 'username' : 'unknown';
  }
  const current = roles.includes('current-password');
  const fresh = roles.includes('confirm-password') || passwords.length >= 2;
  if (current && fresh) return 'change';
  if (fresh) return newPasswordKind(evidence);
  if (current) return 'login';
  // One password: the rule a submission of it goes by (src/capture/fields/form.ts).
  return onePasswordKind(evidence, newness(passwords[0])).kind;
}

/**
 * The lines of "Forms on this page" from what each frame answered (`frameId` is the browser's, the rest the frame's):
 * the top frame first, then the others in the browser's order; groups with neither a password nor an account-name
 * field (a search, a newsletter box) are left out.
 */
export function seenForms(injections: ReadonlyArray<{ frameId: number; result?: unknown }>): SeenForms {
  const frames = [...injections].sort((a, b) => a.frameId - b.frameId);
  let cut = frames.length > MAX_FRAMES;
  const forms: SeenForm[] = [];
  for (const injection of frames.slice(0, MAX_FRAMES)) {
    const scan = readFrameScan(injection.result);
    if (!scan) continue;
    cut ||= scan.cut;
    for (const group of scan.groups) {
      const roles = group.fields.map((d) => classifyField(d)).filter((role) => role !== 'ignore').map((role) => SEEN_ROLES[role] ?? 'other');
      if (!roles.some((role) => role !== 'other' && role !== 'otp')) continue;
      forms.push({ frame: hostOf(scan.origin), top: injection.frameId === 0, kind: likelyKind(group, scan.pageHints), roles });
    }
  }
  return { forms, cut };
}
