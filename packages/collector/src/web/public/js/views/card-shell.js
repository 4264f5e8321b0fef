// Shared frame of a workspace card: heading, a form of controls, a status line and a body.

import { h, replace } from '../dom.js'

/**
 * @param {HTMLElement} container
 * @param {{ id: string, title: string, description: string, controls: HTMLElement[], submitLabel: string, onSubmit: () => void }} options
 */
export function createCardShell(
  container,
  { id, title, description, controls, submitLabel, onSubmit },
) {
  // Cards load when they scroll into view; until then they say so.
  const status = h('p', { class: 'card-status', role: 'status', 'aria-live': 'polite' }, 'Loading…')
  const body = h('div', { class: 'card-body', id: `${id}-body` })
  const form = h(
    'form',
    {
      class: 'card-form',
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault()
        onSubmit()
      },
    },
    controls,
    h('button', { type: 'submit' }, submitLabel),
  )
  replace(
    container,
    h('h3', { id: `${id}-title` }, title),
    h('p', { class: 'muted' }, description),
    form,
    status,
    body,
  )
  return {
    form,
    body,
    /** @param {string} text @param {boolean} [isError] */
    setStatus(text, isError = false) {
      status.textContent = text
      status.classList.toggle('form-error', isError)
    },
  }
}

/**
 * A labelled input.
 * @param {{ id: string, label: string, value: string, type?: string, help?: string, attrs?: Record<string, unknown> }} options
 */
export function field({ id, label, value, type = 'text', help, attrs = {} }) {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('input', {
      id,
      name: id,
      type,
      value,
      'aria-describedby': help ? `${id}-help` : false,
      ...attrs,
    }),
    help ? h('p', { class: 'help', id: `${id}-help` }, help) : null,
  )
}

/**
 * A labelled select.
 * @param {{ id: string, label: string, options: Array<[string, string]>, value: string }} options
 */
export function selectField({ id, label, options, value }) {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h(
      'select',
      { id, name: id },
      options.map(([optionValue, text]) =>
        h('option', { value: optionValue, selected: optionValue === value }, text),
      ),
    ),
  )
}

/** @param {HTMLFormElement | HTMLElement} form @param {string} name */
export function valueOf(form, name) {
  const element = /** @type {HTMLInputElement | null} */ (form.querySelector(`[name="${name}"]`))
  return element?.value.trim() ?? ''
}
