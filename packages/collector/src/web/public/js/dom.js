// Tiny element builders for HTML and SVG; text always goes in as text, never as markup.

const SVG_NS = 'http://www.w3.org/2000/svg'

/**
 * @param {Element} element
 * @param {Record<string, unknown>} attrs
 */
function applyAttrs(element, attrs) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value == null || value === false) continue
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), /** @type {EventListener} */ (value))
    } else if (name === 'style' && typeof value === 'object') {
      const style = /** @type {HTMLElement} */ (element).style
      for (const [property, text] of Object.entries(value)) {
        if (property.startsWith('--')) style.setProperty(property, String(text))
        else style[/** @type {any} */ (property)] = String(text)
      }
    } else {
      element.setAttribute(name, value === true ? '' : String(value))
    }
  }
}

/** @param {Element} element @param {unknown[]} children */
function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue
    element.append(child instanceof Node ? child : document.createTextNode(String(child)))
  }
}

/**
 * Creates an HTML element.
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...unknown} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag)
  applyAttrs(element, attrs)
  append(element, children)
  return element
}

/**
 * Creates an SVG element.
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...unknown} children
 * @returns {SVGElement}
 */
export function s(tag, attrs = {}, ...children) {
  const element = document.createElementNS(SVG_NS, tag)
  applyAttrs(element, attrs)
  append(element, children)
  return /** @type {SVGElement} */ (element)
}

/**
 * Replaces an element's content.
 * @param {Element} element
 * @param {...unknown} children
 */
export function replace(element, ...children) {
  element.replaceChildren()
  append(element, children)
}
