import { onFormSubmitted } from '../capture/submitted';
import { saveHandlers } from '../save/handlers';
import { totpHandlers } from '../totp/scan';
import type { RouterHandlers } from './router';

// Every message the background answers, by who may send it (src/protocol/messages.ts): the maps must hold exactly
// the table's types for each sender, or this does not compile.
export const backgroundHandlers = {
  content: { 'form-submitted': async (message, sender) => onFormSubmitted(message, sender) },
  page: { ...saveHandlers, ...totpHandlers },
} satisfies RouterHandlers;
