// Watches what the user types and when a form is sent, then reports the submitted login to the background.
// Everything hangs off a few capture-phase listeners on the document (and on shadow roots as they are met), so
// fields added later need no scan. Started by index.ts when the user first focuses or types into a field.
// Nothing heavy runs while the page may be leaving: a click, Enter or submit only reads what the deciding needs
// while the page still holds it (the form's fields with their typed values and states, its captions: a snapshot of
// references and strings, no classification; the page's own handler may redraw or remove the form next) and queues
// the deciding on that snapshot, which runs once the navigation it causes has started (or at pagehide, if the page
// goes first); the rules are compiled in idle time when a password field is first focused, not on the key press that
// sends the form.
import type { SubmittedForm } from './types';
import type { WhyReason } from './why';
import type { FieldDescriptor } from './fields/classify';
import { decideForm, type FieldState } from './fields/form';
import { isPasswordBox } from './fields/classify';
import { NOT_SUBMIT_HINT, SUBMIT_HINT, normalise } from './fields/keywords';
import {
  closestDeep, compareDeep, containsDeep, controlText, describe, hintsFor, isIgnored, isTextField, isVisible,
  parentOf, shadowRootOf, type FormHints,
} from './dom';

/** What the user typed into one field, and what the field looked like then (it may be gone at submit time). */
interface Typed {
  value: string;
  descriptor: FieldDescriptor;
  visible: boolean;
  /** The field was empty before the user typed into it. */
  startedEmpty: boolean;
}

type Trigger = 'submit' | 'click' | 'enter' | 'removed' | 'unload';

/** What deciding needs of a form, read at the event: the page may redraw or remove the form right after it. */
interface Snapshot {
  fields: FieldState[];
  hints: FormHints;
}

export interface EngineOptions {
  send: (form: SubmittedForm) => void;
  /** A submission seen and not reported, and why (for the popup's "See why"; never a value). */
  skip: (reason: WhyReason) => void;
}

/** How far above a button to look for the fields it sends, for fields that are not in a <form>. */
const MAX_FORMLESS_DEPTH = 8;
/** After a click or Enter that did not send anything, how long the form leaving the page still counts as sending it. */
const ATTEMPT_WINDOW_MS = 10_000;
/** How long a key press or click counts as the user acting (the browsers' transient activation lasts about as long). */
const ACTIVATION_MS = 5_000;

/** What index.ts hands over: the paths of trusted events it saw before the engine was loaded. */
export interface Engine {
  noteFocus(path: EventTarget[]): void;
  /** `byUser`: the browser said the user was acting when the input happened. */
  noteTyping(path: EventTarget[], byUser: boolean): void;
}

export function startEngine({ send, skip }: EngineOptions): Engine {
  const typed = new Map<HTMLInputElement, Typed>();
  /** Each reason is told once per page: a flood of scripted submissions makes one message. */
  const skipped = new Set<WhyReason>();
  const skipOnce = (reason: WhyReason) => void (skipped.has(reason) || (skipped.add(reason), skip(reason)));
  const sent = new Set<string>();
  const watchedRoots = new WeakSet<Node>();
  const seenAsPassword = new WeakSet<HTMLInputElement>();
  /** What a field held when it was first focused: whether the page had filled it before the user typed. */
  const valueAtFocus = new WeakMap<HTMLInputElement, string>();
  let lastUsernameStep = '';
  let attemptAt = 0;
  let removalObserver: MutationObserver | undefined;
  /** When the last click was on "Forgot password?", "Cancel", "Back" and the like (0 otherwise). */
  let dismissedAt = 0;
  /** Something was typed since the last form was reported (or found already reported): leaving may send it. */
  let typedSinceReport = false;
  /** Work of clicks, Enter, submits and removals, run after the navigation they may cause has started. */
  const queued: (() => void)[] = [];
  /** Forms read by a click or Enter whose deciding is queued: the submit event that follows reuses the reading. */
  const snapshots = new Map<Element, Snapshot>();
  let rehearsed = false;
  /** The user typed into a form marked data-mysafe-ignore (kept out; "See why" may say so when it is sent). */
  let typedIgnored = false;
  /**
   * Where the user's last key press, paste or drop went: the input event that follows there is the user's typing.
   * Any other input event (a page script's `execCommand('insertText')`, autofill) is the page writing.
   */
  let userEdit: EventTarget | undefined;
  /** When the user last pressed a key or clicked in this frame. */
  let gestureAt = 0;
  /**
   * A login sent by Enter or a submit-looking control whose password box is a text field (a page masking it itself,
   * sending with fetch): not sent until the box leaves the page, or the page itself leaves.
   */
  let sentTextBox: { field: HTMLInputElement; fields: FieldState[]; hints: FormHints } | undefined;

  /** The real target of an event: the first node of its path (inside open shadow roots too). */
  const targetOf = (event: Event) => (event.composedPath()[0] ?? event.target) as Node;

  function onInput(event: Event): void {
    if (!event.isTrusted) return;
    const path = event.composedPath();
    const byUser = path[0] === userEdit;
    // One key press, one input (a composition sends several, each after its own key press).
    if (byUser && !(event as InputEvent).isComposing) userEdit = undefined;
    noteTyping(path, byUser);
  }

  function onUserEdit(event: Event): void {
    if (!event.isTrusted) return;
    userEdit = targetOf(event);
    gestureAt = Date.now();
  }

  /**
   * The user is acting now (transient user activation, or a trusted key press or click of the last seconds: at
   * pagehide the browser has already reset the leaving document's activation): a page script alone never sends a form
   * for us.
   */
  function userActed(): boolean {
    const activation = (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation;
    return !!activation?.isActive || Date.now() - gestureAt < ACTIVATION_MS;
  }

  /** A trusted `input` event's path. */
  function noteTyping(path: EventTarget[], byUser: boolean): void {
    // Typing inside a closed shadow root not watched yet reaches the document with the host as target.
    if (!(path[0] instanceof HTMLInputElement)) watchShadowRoots(path, byUser);
    else noteInput(path[0], byUser);
  }

  /**
   * Remembers what the user typed into a field. What the page writes is not remembered: a value the user typed stays
   * what was typed when a script re-types the field afterwards, and a field only the page filled is read at submit as
   * the page's value (which never counts as a password).
   */
  function noteInput(field: EventTarget, byUser: boolean): void {
    if (!byUser || !isTextField(field)) return;
    if (isIgnored(field)) return void (typedIgnored = true);
    const previous = typed.get(field);
    if (field.type === 'password') seenAsPassword.add(field);
    const wasPassword = seenAsPassword.has(field);
    typedSinceReport = true;
    typed.set(field, {
      value: field.value,
      descriptor: previous && previous.descriptor.type === field.type ? previous.descriptor : describe(field, wasPassword),
      visible: previous?.visible || isVisible(field),
      startedEmpty: previous?.startedEmpty ?? (valueAtFocus.get(field) ?? field.defaultValue) === '',
    });
    if (previous) previous.descriptor.wasPassword = wasPassword;
  }

  function onFocus(event: Event): void {
    noteFocus(event.composedPath());
  }

  function noteFocus(path: EventTarget[]): void {
    // A password field the page switches to type=text ("show password") before the user types stays a password.
    const focused = path[0];
    if (focused instanceof HTMLInputElement && !valueAtFocus.has(focused)) valueAtFocus.set(focused, focused.value);
    if (focused instanceof HTMLInputElement && focused.type === 'password') {
      seenAsPassword.add(focused);
      rehearse(focused);
    }
    watchShadowRoots(path, undefined);
  }

  /**
   * Classifies the form of the first password field focused, result unused, when the page is idle: V8 compiles the
   * engine's functions and the rules' regular expressions on their first run, which would otherwise be at submit.
   */
  function rehearse(field: HTMLInputElement): void {
    if (rehearsed) return;
    rehearsed = true;
    const run = () => {
      containerOf(field);
      const container = field.form ?? field.parentElement;
      if (!container) return;
      decideForm(fieldsOf(container), { ...hintsFor(container, null), submitted: true });
      isSubmitLike(container.querySelector(CONTROL_SELECTOR) ?? container);
    };
    requestIdleCallback(run, { timeout: 1000 });
  }

  /**
   * Runs `work` once the navigation a click, Enter or submit causes has started. A form's navigation is itself a task
   * queued while the event is dispatched: a task queued from a task queued now comes after it. If the page leaves
   * first, pagehide runs the queue. Work already waiting is not queued twice.
   */
  function afterNavigationStarts(work: () => void): void {
    if (queued.includes(work)) return;
    queued.push(work);
    if (queued.length === 1) setTimeout(() => setTimeout(runQueued));
  }

  function runQueued(): void {
    snapshots.clear();
    for (const work of queued.splice(0)) work();
  }

  /**
   * Shadow roots met on the way to a field get their own listeners: `submit` does not leave a shadow tree, and
   * events inside a closed one reach the document with the host as target. `typedByUser`: the event was an input (by
   * the user or not), whose field inside a newly watched closed root is then remembered too.
   */
  function watchShadowRoots(path: EventTarget[], typedByUser: boolean | undefined): void {
    for (const node of path) {
      if (!(node instanceof Element) || watchedRoots.has(node)) continue;
      const root = shadowRootOf(node);
      if (!root) continue;
      watchedRoots.add(node);
      listen(root, node.shadowRoot === null);
      const active = root.activeElement;
      if (node.shadowRoot !== null || !active) continue;
      if (typedByUser !== undefined) noteInput(active, typedByUser);
      noteFocus([active]);
    }
  }

  function onSubmit(event: Event): void {
    const form = targetOf(event);
    if (!(form instanceof HTMLFormElement)) return;
    if (!userActed()) {
      if ([...form.elements].some((e) => e instanceof HTMLInputElement && e.type === 'password' && e.value)) skipOnce('no-user-action');
      return;
    }
    const submitter = (event as SubmitEvent).submitter ?? null;
    // Enter or a click in this form has just read it: its snapshot serves (the page has not run its handler yet).
    const snapshot = snapshots.get(form) ?? snapshotOf(form, submitter);
    if (snapshot) afterNavigationStarts(() => report(snapshot.fields, 'submit', snapshot.hints));
  }

  function onKeyDown(event: Event): void {
    if (!event.isTrusted) return;
    onUserEdit(event);
    const key = event as KeyboardEvent;
    if (key.key !== 'Enter' || key.isComposing || key.shiftKey || key.altKey || key.ctrlKey || key.metaKey) return;
    const field = targetOf(event);
    dismissedAt = 0;
    if (isTextField(field)) attempt(field, 'enter', null);
  }

  function onClick(event: Event): void {
    if (!event.isTrusted) return;
    gestureAt = Date.now();
    const path = event.composedPath();
    const control = submitControl(path) ?? scriptedControl(path);
    dismissedAt = 0;
    if (!control) return;
    const at = Date.now();
    const caption = captionOf(control);
    afterNavigationStarts(() => void (dismissedAt = NOT_SUBMIT_HINT.test(caption) ? at : 0));
    attempt(control, 'click', control, caption);
  }

  /**
   * A click or Enter: send (once the navigation has started) when it looks like sending, and watch the form leaving
   * the page either way. The form is found now, while the page still holds it.
   */
  function attempt(origin: Element, trigger: Trigger, control: Element | null, caption = ''): void {
    const sends = () => trigger === 'enter' || (!!control && isSubmitLike(control, caption));
    if (typedIgnored && isIgnored(origin)) return afterNavigationStarts(() => void (sends() && skipOnce('ignored')));
    if (typed.size === 0) return;
    attemptAt = Date.now();
    const container = containerOf(origin) ?? (control && isSubmitLike(control, caption) ? passwordGroup() : null);
    // A control in a dialog or a cookie banner answers that, not the fields around it (a login dialog holds its own).
    const aside = control && closestDeep(control, ASIDE);
    if (!container || (aside && !containsDeep(aside, container))) return;
    const snapshot = snapshotOf(container, control);
    if (snapshot) {
      snapshots.set(container, snapshot);
      afterNavigationStarts(() => {
        if (!sends()) return;
        report(snapshot.fields, trigger, snapshot.hints);
        sentTextBox = textBoxLogin(snapshot);
      });
    }
    watchRemoval();
  }

  function listen(target: Document | ShadowRoot, all: boolean): void {
    const options = { capture: true, passive: true };
    target.addEventListener('submit', onSubmit, options);
    target.addEventListener('focusin', onFocus, options);
    if (!all) return;
    target.addEventListener('input', onInput, options);
    target.addEventListener('keydown', onKeyDown, options);
    target.addEventListener('click', onClick, options);
    for (const type of ['paste', 'drop', 'compositionend']) target.addEventListener(type, onUserEdit, options);
  }

  const isPasswordField = (field: HTMLInputElement) => typed.get(field)?.descriptor.wasPassword ?? false;

  /**
   * The <form> of an element, or for fields outside forms the nearest ancestor that holds a password typed outside
   * forms (when there is one) and some button or another field (so a lone field's own wrapper is not taken for the
   * form).
   */
  function containerOf(origin: Element): Element | null {
    const form = (origin as HTMLInputElement).form ?? closestDeep(origin, 'form');
    if (form && [...typed.keys()].some((field) => containsDeep(form, field))) return form;
    const fields = [...typed.keys()].filter((field) => field.isConnected);
    const passwords = fields.filter((field) => isPasswordField(field) && !field.form);
    let fallback: Element | null = null;
    let node: Node | null = origin;
    for (let depth = 0; node && depth <= MAX_FORMLESS_DEPTH; depth++, node = parentOf(node)) {
      const candidate = node;
      if (!(candidate instanceof Element) || !fields.some((field) => containsDeep(candidate, field))) continue;
      fallback = candidate;
      const holdsPassword = passwords.length === 0 || passwords.some((field) => containsDeep(candidate, field));
      // Only parts a person sees: hidden decoy inputs do not make a field's own tiny wrapper look like a form.
      if (holdsPassword && visibleCount(candidate.querySelectorAll(FORM_PARTS), 2) >= 2) return candidate;
    }
    return fallback;
  }

  /** The container of the typed passwords still in the page, when they are all in one. */
  function passwordGroup(): Element | null {
    const groups = new Set<Element | null>();
    for (const field of typed.keys()) if (isPasswordField(field) && field.isConnected) groups.add(containerOf(field));
    const [group] = groups;
    return groups.size === 1 ? group : null;
  }

  /**
   * A div or span "button" with a script listener (no role, no onclick attribute) around its caption: a near ancestor
   * of the click whose id, class or caption says it sends ("Entrar", "btn-login"), holding no field and at most one
   * link or button and a short caption (and not a field itself), in the group of a typed password. Captions alone count only on what shows a pointer (not a
   * heading); "Forgot password?", "Cancel" and social sign-in never count.
   */
  function scriptedControl(path: EventTarget[]): Element | null {
    const group = passwordGroupOf(path);
    for (let i = 0; group && i < path.length && i < 6; i++) {
      const node = path[i];
      if (!(node instanceof HTMLElement) || node === group || !containsDeep(group, node)) return null;
      const many = node.querySelectorAll(CONTROL_SELECTOR).length > 1 || (node.textContent ?? '').trim().length > 40;
      // A field is never the control, whatever its id says ("ctrlLogin_txtPassword2" is a click to type into it).
      if (many || node.matches('input, select, textarea') || node.querySelector('input, select, textarea')) return null;
      const caption = captionOf(node);
      if (NOT_SUBMIT_HINT.test(caption)) return null;
      const named = SUBMIT_HINT.test(normalise(`${node.id} ${node.className}`));
      if (named || (SUBMIT_HINT.test(caption) && !/^(H\d|LABEL|LEGEND|P)$/.test(node.tagName) && getComputedStyle(node).cursor === 'pointer')) return node;
    }
    return null;
  }

  /** The form or form-like group around a click, when it holds a typed password. */
  function passwordGroupOf(path: EventTarget[]): Element | null {
    const origin = path[0];
    const passwords = [...typed.keys()].filter(isPasswordField);
    const group = passwords.length && origin instanceof Element ? containerOf(origin) : null;
    return group && passwords.some((field) => containsDeep(group, field)) ? group : null;
  }

  /** The fields of a container, typed or not, in document order; typed fields no longer in the page are added. */
  function fieldsOf(container: Element): FieldState[] {
    const elements = new Set<HTMLInputElement>();
    const scope = container instanceof HTMLFormElement ? [...container.elements, ...container.querySelectorAll('input')] : container.querySelectorAll('input');
    for (const element of scope) if (isTextField(element) || isHiddenUsername(element)) elements.add(element);
    for (const field of typed.keys()) if (containsDeep(container, field)) elements.add(field);
    const ordered = [...elements].filter((element) => !isIgnored(element)).sort(compareDeep);
    return ordered.map((element) => stateOf(element));
  }

  function stateOf(element: HTMLInputElement): FieldState {
    const record = typed.get(element);
    if (record) return { descriptor: record.descriptor, typed: record.value, visible: record.visible, startedEmpty: record.startedEmpty };
    return { descriptor: describe(element), value: element.value, visible: isVisible(element), startedEmpty: element.value === '' };
  }

  /** Reads a form now, for deciding later; undefined when the form is ignored or holds nothing the user typed. */
  function snapshotOf(container: Element, control: Element | null): Snapshot | undefined {
    if (isIgnored(container)) return undefined;
    const fields = fieldsOf(container);
    if (!fields.some((field) => field.typed !== undefined)) return undefined;
    return { fields, hints: hintsFor(container, control) };
  }

  /**
   * A snapshot of exactly two typed text fields, one a password box and the other an account name, with no password
   * field around them: the box as a password, and which element it is.
   */
  function textBoxLogin({ fields, hints }: Snapshot): typeof sentTextBox {
    const typedFields = fields.filter((f) => f.typed);
    const box = typedFields.find((f) => isPasswordBox(f.descriptor));
    if (!box || typedFields.length !== 2 || fields.some((f) => f.descriptor.type === 'password' || f.descriptor.wasPassword)) return undefined;
    const field = [...typed].find(([, record]) => record.descriptor === box.descriptor)?.[0];
    const asPassword = fields.map((f) => (f === box ? { ...f, descriptor: { ...f.descriptor, wasPassword: true } } : f));
    return field && { field, fields: asPassword, hints };
  }

  function reportTextBox(): void {
    if (sentTextBox) report(sentTextBox.fields, 'removed', sentTextBox.hints);
    sentTextBox = undefined;
  }

  function report(fields: FieldState[], trigger: Trigger, hints: FormHints): void {
    if (!fields.some((field) => field.typed !== undefined)) return;
    const submitted = trigger === 'submit' || trigger === 'click' || trigger === 'enter';
    const form = decideForm(fields, { ...hints, submitted });
    // Told only of forms with a password typed: a search or a contact form is nobody's question.
    if (!form) return void (submitted && fields.some((f) => f.typed && (f.descriptor.type === 'password' || f.descriptor.wasPassword)) && skipOnce('not-a-login'));
    if (form.kind === 'username') lastUsernameStep = form.username;
    else if (!form.username && lastUsernameStep) form.username = lastUsernameStep;
    // Another signal for the same values (Enter, then the submit event, then leaving the page) sends nothing more.
    const key = [form.username, form.password, form.oldPassword ?? ''].join('\u0000');
    typedSinceReport = false;
    if (sent.has(key)) return;
    sent.add(key);
    send(form);
  }

  /** Password fields typed into that leave the page (or are hidden) count as sent after a click or Enter. */
  function watchRemoval(): void {
    if (removalObserver) return;
    removalObserver = new MutationObserver(() => afterNavigationStarts(checkRemoval));
    removalObserver.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class', 'hidden'] });
  }

  function checkRemoval(): void {
    if (Date.now() - attemptAt > ATTEMPT_WINDOW_MS) {
      removalObserver?.disconnect();
      removalObserver = undefined;
      sentTextBox = undefined;
      return;
    }
    const gone = (field: HTMLInputElement) => !field.isConnected || (typed.get(field)!.visible && !isVisible(field));
    if (sentTextBox && gone(sentTextBox.field)) reportTextBox();
    if (![...typed.keys()].some((field) => isPasswordField(field) && gone(field))) return;
    const fields = [...typed.keys()].filter(gone).map(stateOf);
    report(fields, 'removed', { attributes: '', hints: '', pageHints: document.title });
  }

  /** Leaving the page with typed passwords (a `form.submit()` from the page, a link styled as a button). */
  function onLeave(): void {
    runQueued();
    // Nothing new to send: no classifying while the next page waits.
    if (!typedSinceReport) return;
    // Leaving through "Forgot password?" or "Cancel" is not sending the form; a page leaving by itself is not either.
    if (Date.now() - dismissedAt < ATTEMPT_WINDOW_MS) return skipOnce('not-sent');
    if (!userActed()) return skipOnce('no-user-action');
    if (Date.now() - attemptAt < ATTEMPT_WINDOW_MS) reportTextBox();
    const passwordFields = [...typed.keys()].filter(isPasswordField);
    const containers = new Set<Element>();
    for (const field of passwordFields) {
      const container = field.isConnected ? containerOf(field) : null;
      if (container) containers.add(container);
    }
    for (const container of containers) {
      const snapshot = snapshotOf(container, null);
      if (snapshot) report(snapshot.fields, 'unload', snapshot.hints);
    }
  }

  listen(document, true);
  window.addEventListener('pagehide', onLeave, { capture: true });
  return { noteFocus, noteTyping };
}

function isHiddenUsername(element: Element): element is HTMLInputElement {
  return element instanceof HTMLInputElement && element.type === 'hidden' && /\busername\b/i.test(element.autocomplete);
}

/** How many of `elements` are visible, counting up to `enough`. */
function visibleCount(elements: NodeListOf<Element>, enough: number): number {
  let count = 0;
  for (let i = 0; i < elements.length && count < enough; i++) if (isVisible(elements[i])) count++;
  return count;
}

/** Where a control answers something other than the fields around it: a dialog, a cookie or consent banner. */
const ASIDE = 'dialog, [role=dialog], [role=alertdialog], [id*=cookie i], [class*=cookie i], [id*=consent i], [class*=consent i]';

/** What a form-like wrapper holds besides the field: other fields or a button. */
const FORM_PARTS = 'input:not([type=hidden]), button, [role=button], a[href]';

const CONTROL_SELECTOR =
  'button, input[type=submit], input[type=image], input[type=button], [role=button], a, [onclick], [type=submit]';

/** The button-like element a click landed on, if any (a few levels up from an icon inside it). */
function submitControl(path: EventTarget[]): Element | null {
  for (let i = 0; i < path.length && i < 6; i++) {
    const node = path[i];
    if (node instanceof Element && node.matches(CONTROL_SELECTOR)) return node;
  }
  return null;
}

/** A control's caption, id and class, normalised: read at the click, the page may redraw the control next. */
function captionOf(control: Element): string {
  return normalise([controlText(control), control.id, typeof control.className === 'string' ? control.className : ''].join(' '));
}

/**
 * Sends a form: a submit button, or a button or link whose caption says so ("Log in", "Next", "Entrar"...). Not
 * "Show password", "Forgot password?", "Cancel" or social sign-in, which act on the field or leave.
 */
function isSubmitLike(control: Element, caption = captionOf(control)): boolean {
  if (NOT_SUBMIT_HINT.test(caption)) return false;
  if (control instanceof HTMLButtonElement) return control.type === 'submit' || SUBMIT_HINT.test(caption);
  if (control instanceof HTMLInputElement) return control.type === 'submit' || control.type === 'image' || SUBMIT_HINT.test(caption);
  return SUBMIT_HINT.test(caption);
}
