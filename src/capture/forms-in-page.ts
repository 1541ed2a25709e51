// What "See why" asks of every frame of a tab: the background runs this function there with
// `scripting.executeScript` when the panel asks for its report (the content script of every frame carries none of
// it). It is serialised on its own: no imports, no helpers, no module constants — only the page. The caps repeat
// those of ./forms-seen.ts, which checks the answer again.
import type { FrameScan } from './forms-seen';

/**
 * The forms of this document holding a visible password or text field (those with a password first), and its
 * form-less fields as one more group: each visible field as a plain description — never its value.
 */
export function listFieldGroups(): FrameScan {
  const MAX_GROUPS = 10;
  const MAX_FIELDS = 20;
  const MAX_TEXT = 200;
  // A hostile page may hold a million inputs: the first ones are enough to explain a login.
  const MAX_INPUTS = 5000;
  const TEXT_TYPES = ['text', 'email', 'tel', 'number', 'url', 'search', 'password', ''];
  const words = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
  const textOf = (elements: Iterable<Element>) => words([...elements].map((element) => element.textContent).join(' '));
  // Honeypots are hidden, clipped to nothing or pushed off the page; a field below the fold is still visible.
  const visible = (input: HTMLInputElement) => {
    const box = input.getBoundingClientRect();
    return box.width >= 2 && box.height >= 2 && box.right + scrollX > 0 && box.bottom + scrollY > 0 && getComputedStyle(input).visibility !== 'hidden';
  };

  const groups = new Map<HTMLFormElement | null, { hasPassword: boolean; inputs: HTMLInputElement[] }>();
  const inputs = document.getElementsByTagName('input');
  for (let index = 0; index < inputs.length && index < MAX_INPUTS; index++) {
    const input = inputs[index];
    const type = (input.getAttribute('type') ?? '').toLowerCase();
    if (!TEXT_TYPES.includes(type) || !visible(input)) continue;
    let group = groups.get(input.form);
    if (!group) groups.set(input.form, (group = { hasPassword: false, inputs: [] }));
    group.hasPassword ||= type === 'password';
    group.inputs.push(input);
  }

  const ordered = [...groups].sort(([, a], [, b]) => Number(b.hasPassword) - Number(a.hasPassword));
  let cut = ordered.length > MAX_GROUPS || inputs.length > MAX_INPUTS;
  const answer: FrameScan = {
    origin: location.origin,
    pageHints: words(`${document.title} ${document.querySelector('h1')?.textContent ?? ''}`),
    groups: [],
    cut: false,
  };
  for (const [form, group] of ordered.slice(0, MAX_GROUPS)) {
    if (group.inputs.length > MAX_FIELDS) cut = true;
    const fields = group.inputs.slice(0, MAX_FIELDS).map((input) => {
      const labelledBy = (input.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
      return {
        tag: 'input',
        type: (input.getAttribute('type') ?? 'text').toLowerCase() || 'text',
        name: words(input.name),
        id: words(input.id),
        autocomplete: words(input.getAttribute('autocomplete')),
        label: textOf(input.labels?.length ? input.labels : labelledBy.map((id) => document.getElementById(id)).filter((e) => e !== null)),
        placeholder: words(input.placeholder),
        ariaLabel: words(input.getAttribute('aria-label')),
        className: words(input.getAttribute('class')),
        maxLength: input.maxLength > 0 ? input.maxLength : 0,
        inputMode: words(input.inputMode),
      };
    });
    // A submit input's value is its caption, written by the page: the words of the button, not something typed.
    const buttons = form ? [...form.querySelectorAll('input[type=submit], input[type=button]')].map((b) => (b as HTMLInputElement).value) : [];
    answer.groups.push({
      fields,
      attributes: form ? words(`${form.getAttribute('id') ?? ''} ${form.getAttribute('name') ?? ''} ${form.getAttribute('action') ?? ''} ${form.getAttribute('class') ?? ''}`) : '',
      hints: form ? words(`${textOf(form.querySelectorAll('h1, h2, h3, h4, legend, button'))} ${buttons.join(' ')}`) : '',
    });
  }
  answer.cut = cut;
  return answer;
}
