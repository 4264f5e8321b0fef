// Shared page chrome (cart count, who is signed in, a notice when no write key is set) and the
// helpers several pages use.

import { cartSummary } from './cart.js'

const ACCOUNT_KEY = 'demo-shop.account'

/** @returns {{ userId: string, email: string, firstName?: string } | null} */
export function currentAccount() {
  try {
    return JSON.parse(localStorage.getItem(ACCOUNT_KEY) ?? 'null')
  } catch {
    return null
  }
}

/** @param {{ userId: string, email: string, firstName?: string }} account */
export function saveAccount(account) {
  localStorage.setItem(ACCOUNT_KEY, JSON.stringify(account))
}

/** Updates the header: cart count and account. */
export function renderChrome() {
  const count = cartSummary().count
  for (const badge of document.querySelectorAll('[data-cart-count]')) {
    badge.textContent = count > 0 ? `(${count})` : ''
    badge.setAttribute('aria-label', `${count} item${count === 1 ? '' : 's'} in the cart`)
  }
  const account = currentAccount()
  const slot = document.querySelector('[data-account]')
  if (slot) slot.textContent = account ? `Signed in as ${account.email}` : ''
  renderKeyNotice()
}

function renderKeyNotice() {
  const notice = /** @type {HTMLElement | null} */ (document.querySelector('[data-key-notice]'))
  if (!notice || /** @type {any} */ (window).ITINERA_DEMO?.writeKey) return
  notice.hidden = false
  notice.innerHTML = `
    <form class="key-form">
      <label for="write-key">Tracking is off: paste the demo workspace's <strong>write key</strong>
      (printed by <code>npm start</code>)</label>
      <input id="write-key" name="writeKey" autocomplete="off" required />
      <button type="submit">Start tracking</button>
    </form>`
  notice.querySelector('form')?.addEventListener('submit', (event) => {
    event.preventDefault()
    const input = /** @type {HTMLInputElement | null} */ (notice.querySelector('#write-key'))
    const value = input?.value.trim()
    if (!value) return
    localStorage.setItem('demo-shop.writeKey', value)
    location.reload()
  })
}

/**
 * The form's email, trimmed and lower-cased; when it is not an email address, says so beside the
 * field, marks it invalid, focuses it and returns `undefined`.
 * @param {HTMLFormElement} form with an `email` input and a `[data-error-for="email"]` slot
 * @returns {string | undefined}
 */
export function readEmailField(form) {
  const input = /** @type {HTMLInputElement} */ (form.elements.namedItem('email'))
  const error = /** @type {HTMLElement} */ (form.querySelector('[data-error-for="email"]'))
  const email = input.value.trim().toLowerCase()
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    error.textContent = 'Enter an email address such as ana@example.com.'
    input.setAttribute('aria-invalid', 'true')
    input.focus()
    return undefined
  }
  error.textContent = ''
  input.removeAttribute('aria-invalid')
  return email
}

/**
 * Formats a price in dollars.
 * @param {number} amount
 */
export const money = (amount) =>
  amount.toLocaleString('en-US', { style: 'currency', currency: 'USD' })

/**
 * A product's picture: a coloured tile with its initials (the demo loads nothing from elsewhere).
 * @param {{ name: string, colour: string }} product
 */
export function productTile(product) {
  const tile = document.createElement('span')
  tile.className = 'tile'
  tile.style.background = product.colour
  tile.setAttribute('aria-hidden', 'true')
  tile.textContent = product.name
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => word[0])
    .join('')
  return tile
}
