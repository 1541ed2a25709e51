import type { SubmittedForm } from '../capture/types';

// Messages a content script sends to the background. The background trusts only `sender` for tab, frame and origin.

export interface FormSubmittedMessage {
  type: 'form-submitted';
  form: SubmittedForm;
}

export type ContentMessage = FormSubmittedMessage;

export function isContentMessage(value: unknown): value is ContentMessage {
  if (!value || typeof value !== 'object') return false;
  const msg = value as Partial<FormSubmittedMessage>;
  if (msg.type !== 'form-submitted' || !msg.form || typeof msg.form !== 'object') return false;
  const f = msg.form;
  return (
    ['login', 'signup', 'change', 'username'].includes(f.kind) &&
    typeof f.username === 'string' &&
    typeof f.password === 'string' &&
    (f.oldPassword === undefined || typeof f.oldPassword === 'string')
  );
}
