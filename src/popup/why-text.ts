// The words of "See why": one line per submission seen on the tab, and the report a person copies into a bug report.
// Reasons and roles only: a WhyRow holds no typed value. Pure: the words come from `t`.
import type { SeenForm, SeenRole } from '../capture/forms-seen';
import type { FieldRole, WhyReason, WhyReport, WhyRow } from '../capture/why';

type Translate = (key: string, substitutions?: string[]) => string;

const REASON_KEYS: Record<WhyReason, string> = {
  kept: 'whyKept',
  'username-step': 'whyUsernameStep',
  'already-in-mysafe': 'whyAlreadyInMySafe',
  'never-site': 'whyNeverSite',
  'refused-by-site': 'whyRefusedBySite',
  'too-long': 'whyTooLong',
  'no-user-action': 'whyNoUserAction',
  'not-sent': 'whyNotSent',
  ignored: 'whyIgnored',
  'not-a-login': 'whyNotALogin',
  'mysafe-server': 'whyMySafeServer',
};

const ROLE_KEYS: Record<FieldRole, string> = { username: 'whyRoleUsername', password: 'whyRolePassword', 'old-password': 'whyRoleOldPassword' };

const SEEN_ROLE_KEYS: Record<SeenRole, string> = {
  username: 'whyRoleUsername',
  password: 'whyRolePassword',
  'current-password': 'whyRoleOldPassword',
  'new-password': 'whyRoleNewPassword',
  'confirm-password': 'whyRoleConfirmation',
  otp: 'whyRoleOneTimeCode',
  other: 'whyRoleOther',
};

const KIND_KEYS: Record<string, string> = {
  login: 'kindLogin', signup: 'kindSignup', change: 'kindChange', username: 'whyKindUsername', totp: 'kindTotp', unknown: 'whyKindUnknown',
};

/** What became of one submission, in one line. */
export function reasonText(row: WhyRow, t: Translate): string {
  return t(REASON_KEYS[row.reason], row.status ? [String(row.status)] : undefined);
}

/** Where it came from and what it held: time, frame, kind, fields by role. */
export function rowContext(row: WhyRow, t: Translate): string {
  const time = new Date(row.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const parts = [time, row.crossOrigin ? t('whyFrameOther', [row.frame]) : row.frame];
  if (row.kind) parts.push(t(KIND_KEYS[row.kind]));
  if (row.roles.length) parts.push(t('whyFields', [row.roles.map((role) => t(ROLE_KEYS[role])).join(', ')]));
  return parts.join(' · ');
}

/** A form seen on the page: its frame, its likely kind and its fields by role. */
export function formText(form: SeenForm, t: Translate): string {
  const frame = form.top ? form.frame : form.frame ? t('whyFrameOther', [form.frame]) : t('whyFrameNoOrigin');
  const roles = form.roles.map((role) => t(SEEN_ROLE_KEYS[role])).join(', ');
  return [frame, t(KIND_KEYS[form.kind]), t('whyFields', [roles])].join(' · ');
}

/** The report "Copy report" gives, as plain text. */
export function reportText(report: WhyReport, page: string, version: string, t: Translate): string {
  const lines = [t('whyReportTitle', [page]), `MySafe Capture ${version}`];
  if (!report.access) lines.push(t('whyNoAccess'));
  if (report.rows.length === 0) lines.push(t('whyNone'));
  for (const row of report.rows) lines.push(`- ${rowContext(row, t)}: ${reasonText(row, t)}`);
  if (report.access) {
    lines.push(`${t('whyFormsTitle')}:`);
    if (report.forms.length === 0) lines.push(t('whyFormsNone'));
    for (const form of report.forms) lines.push(`- ${formText(form, t)}`);
    if (report.formsCut) lines.push(t('whyFormsCut'));
  }
  return lines.join('\n');
}
