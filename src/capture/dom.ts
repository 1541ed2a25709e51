// Reading the page: field descriptions, visibility, shadow roots and the container a set of fields lives in.
import type { FieldDescriptor } from './fields/classify';

type ChromeDom = { dom?: { openOrClosedShadowRoot?: (element: HTMLElement) => ShadowRoot | null } };

/** The element's shadow root, open or closed, when the browser lets an extension see it. */
export function shadowRootOf(element: Element): ShadowRoot | null {
  if (element.shadowRoot) return element.shadowRoot;
  const firefox = (element as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
  if (firefox !== undefined) return firefox;
  const chromeDom = (globalThis as { chrome?: ChromeDom }).chrome?.dom;
  try {
    return chromeDom?.openOrClosedShadowRoot?.(element as HTMLElement) ?? null;
  } catch {
    return null;
  }
}

/** The parent, stepping from a shadow root to its host. */
export function parentOf(node: Node): Node | null {
  const parent = node.parentNode;
  return parent instanceof ShadowRoot ? parent.host : parent;
}

export function containsDeep(container: Node, node: Node): boolean {
  for (let n: Node | null = node; n; n = parentOf(n)) if (n === container) return true;
  return false;
}

/** Nearest ancestor (itself included, shadow boundaries crossed) matching a selector. */
export function closestDeep(node: Node, selector: string): Element | null {
  for (let n: Node | null = node; n; n = parentOf(n)) {
    if (n instanceof Element && n.matches(selector)) return n;
  }
  return null;
}

export function isIgnored(element: Element): boolean {
  return closestDeep(element, '[data-mysafe-ignore]') !== null;
}

/** Rendered, on screen (not moved far off it), with a size: what a person can see and type into. */
export function isVisible(element: Element): boolean {
  if (!element.isConnected || element.closest('[aria-hidden="true"]')) return false;
  const check = (element as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
  if (check && !check.call(element, { opacityProperty: true, visibilityProperty: true })) return false;
  const rect = element.getBoundingClientRect();
  if (rect.width < 2 || rect.height < 2 || isClippedAway(element)) return false;
  const scrollX = window.scrollX;
  const scrollY = window.scrollY;
  return rect.right + scrollX > 0 && rect.bottom + scrollY > 0 && rect.left + scrollX < 20000;
}

/** Cut down to (almost) nothing by `clip: rect(…)` or `clip-path: inset(50%)` (the usual visually-hidden tricks). */
function isClippedAway(element: Element): boolean {
  const style = getComputedStyle(element);
  const rect = /^rect\(([-\d.]+)px,? ([-\d.]+)px,? ([-\d.]+)px,? ([-\d.]+)px\)$/.exec(style.clip);
  if (rect) {
    const [top, right, bottom, left] = rect.slice(1).map(Number);
    if (right - left < 2 || bottom - top < 2) return true;
  }
  return /^inset\((?:[5-9]\d|100)%|^circle\(0/.test(style.clipPath);
}

function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** What labels a field: its <label>s, aria-labelledby, or the text right before it. */
function labelOf(input: HTMLInputElement): string {
  const parts: string[] = [];
  for (const label of Array.from(input.labels ?? [])) parts.push(text(label));
  const labelledBy = input.getAttribute('aria-labelledby');
  if (labelledBy) {
    const root = input.getRootNode() as Document | ShadowRoot;
    for (const id of labelledBy.split(/\s+/)) parts.push(text(root.getElementById?.(id)));
  }
  if (parts.join('') === '') {
    // A label after its input whose `for` names nothing: the only <label> of the input's parent is its caption.
    const near = input.parentElement?.querySelectorAll('label');
    const root = input.getRootNode() as Document | ShadowRoot;
    if (near?.length === 1 && !(near[0].htmlFor && root.getElementById?.(near[0].htmlFor))) parts.push(text(near[0]));
  }
  if (parts.join('') === '') {
    // Frameworks often put the caption in a sibling element just before the input (or its wrapper).
    const previous = input.previousElementSibling ?? input.parentElement?.previousElementSibling;
    if (previous && !previous.querySelector('input')) parts.push(text(previous));
  }
  return parts.join(' ').slice(0, 200);
}

export function describe(input: HTMLInputElement, wasPassword = false): FieldDescriptor {
  return {
    tag: input.tagName.toLowerCase(),
    type: (input.getAttribute('type') ?? 'text').toLowerCase(),
    name: input.name ?? '',
    id: input.id ?? '',
    autocomplete: input.getAttribute('autocomplete') ?? '',
    label: labelOf(input),
    placeholder: input.getAttribute('placeholder') ?? '',
    ariaLabel: input.getAttribute('aria-label') ?? '',
    className: typeof input.className === 'string' ? input.className : '',
    maxLength: input.maxLength > 0 ? input.maxLength : 0,
    inputMode: input.inputMode ?? '',
    wasPassword,
  };
}

/** Text fields and the like; buttons and hidden inputs are left out. */
export function isTextField(node: unknown): node is HTMLInputElement {
  if (!(node instanceof HTMLInputElement)) return false;
  return !/^(hidden|checkbox|radio|submit|button|image|reset|file|color|range|date|datetime-local|month|week|time)$/.test(
    node.type,
  );
}

/** Compare two nodes in document order, also across shadow trees. */
export function compareDeep(a: Node, b: Node): number {
  const chain = (n: Node) => {
    const hosts: Node[] = [n];
    for (let root = n.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) hosts.unshift(root.host);
    return hosts;
  };
  const ca = chain(a);
  const cb = chain(b);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    if (ca[i] === cb[i]) continue;
    return ca[i].compareDocumentPosition(cb[i]) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  }
  return ca.length - cb.length;
}

const HEADINGS = 'h1,h2,h3,h4,legend,[role=heading]';
const CAPTIONS = `${HEADINGS},button,input[type=submit],input[type=button],a[role=button],label`;

function captions(scope: Element, selector: string, limit: number): string[] {
  const found = scope.querySelectorAll(selector);
  const texts: string[] = [];
  for (let i = 0; i < found.length && i < limit; i++) texts.push(controlText(found[i]));
  return texts;
}

/**
 * Words that tell what a form is for. `attributes`: its id, name, action and class. `hints`: its headings, buttons
 * and labels, and the control that sent it. `pageHints`: the title and the headings of the form's wrappers, which
 * are often just outside it. `text`: the words of the form a person sees, sentences included.
 */
export function hintsFor(container: Element | null, trigger: Element | null): FormHints {
  const attributes: string[] = [];
  const own: string[] = trigger ? [controlText(trigger)] : [];
  const page: string[] = [document.title];
  if (container) {
    attributes.push(container.id, container.getAttribute('name') ?? '', container.getAttribute('action') ?? '');
    attributes.push(typeof container.className === 'string' ? container.className : '');
    own.push(...captions(container, CAPTIONS, 30));
    let wrapper = container.parentElement;
    for (let level = 0; wrapper && level < 2 && wrapper !== document.body; level++, wrapper = wrapper.parentElement) {
      page.push(...captions(wrapper, HEADINGS, 4));
    }
  }
  // What a person sees of it (not the hidden error messages): innerText, laid out only at a send. A group found
  // without a form is its fields' nearest wrapper: its sentences are often a level or two up. Read now, in the click
  // or Enter, not when the form is judged: a page that redraws its step on the click has lost the words by then
  // (tests/fixtures/capture/class-password-rules.html; a getter read later made it a login). Cost measured: ≤ 1.5 ms
  // for a page-wide ASP.NET form of 1,000 elements; Enter still holds the page 0.4 ms (npx tsx tests/bench/content.ts).
  const scope = container instanceof HTMLFormElement ? container : container?.parentElement?.parentElement;
  const shown = scope instanceof HTMLElement ? scope.innerText : '';
  return { attributes: attributes.join(' ').slice(0, 1000), hints: own.join(' ').slice(0, 4000), pageHints: page.join(' ').slice(0, 1000), text: shown.slice(0, 2000) };
}

export interface FormHints {
  attributes: string;
  hints: string;
  pageHints: string;
  text?: string;
}

/** The caption of a button-like element. */
export function controlText(element: Element): string {
  const value = element instanceof HTMLInputElement ? element.value : '';
  return [text(element), value, element.getAttribute('aria-label') ?? '', element.getAttribute('title') ?? '']
    .join(' ')
    .slice(0, 200);
}
