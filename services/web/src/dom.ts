/** A tiny element builder: the app is small enough that a framework would cost more bytes than it saves. */
export type Child = Node | string | number | null | undefined | false;

type Listener = (event: Event) => void;
export type Props = Record<string, string | number | boolean | Listener | null | undefined>;

/** Properties set as DOM properties rather than attributes (their attribute form means something else). */
const PROPERTY_KEYS = new Set([
  'value',
  'checked',
  'disabled',
  'hidden',
  'selected',
  'tabIndex',
  'textContent',
  'required',
]);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (PROPERTY_KEYS.has(key)) {
      (element as unknown as Record<string, unknown>)[key] = value;
    } else if (key === 'style') {
      // Through CSSOM: the site's CSP (style-src 'self') blocks style attributes, not this.
      element.style.cssText = String(value);
    } else if (key === 'class') {
      element.className = String(value);
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}
