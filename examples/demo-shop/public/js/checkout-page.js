// Checkout: email field, order; `Checkout Started`, `identify` and `Order Completed`.

import { cartSummary, clearCart } from './cart.js'
import { productProperties } from './catalog.js'
import { currentAccount, money, readEmailField, renderChrome } from './layout.js'
import { flush, identify, page, track, userIdFor } from './tracker.js'

const form = /** @type {HTMLFormElement} */ (document.querySelector('[data-checkout-form]'))
const summaryBox = /** @type {HTMLElement} */ (document.querySelector('[data-checkout-summary]'))
const confirmation = /** @type {HTMLElement} */ (document.querySelector('[data-confirmation]'))
const summary = cartSummary()
const orderId = `order-${crypto.randomUUID().slice(0, 8)}`
const coupon = sessionStorage.getItem('demo-shop.coupon') ?? undefined

const products = summary.lines.flatMap((line, index) =>
  line.product
    ? [productProperties(line.product, { quantity: line.quantity, position: index + 1 })]
    : [],
)
const order = {
  order_id: orderId,
  checkout_id: `chk-${orderId}`,
  affiliation: 'Trailhead demo shop',
  subtotal: summary.subtotal,
  revenue: summary.subtotal,
  shipping: summary.shipping,
  tax: summary.tax,
  total: summary.total,
  currency: 'USD',
  ...(coupon ? { coupon } : {}),
  products,
}

const account = currentAccount()
if (account) {
  const email = /** @type {HTMLInputElement} */ (form.querySelector('#email'))
  email.value = account.email
  const name = /** @type {HTMLInputElement} */ (form.querySelector('#name'))
  name.value = account.firstName ?? ''
}

if (summary.lines.length === 0) {
  summaryBox.innerHTML = '<p>Your cart is empty. <a href="index.html">Back to the shop</a>.</p>'
  form.hidden = true
} else {
  summaryBox.textContent = `${summary.count} item${summary.count === 1 ? '' : 's'}, ${money(summary.total)} in total.`
}

form.addEventListener('submit', async (event) => {
  event.preventDefault()
  const email = readEmailField(form)
  if (email === undefined) return
  const data = new FormData(form)
  const name = String(data.get('name') ?? '').trim()
  // Guests are known by email; a signed-in customer keeps their account's user id.
  const userId = account?.email === email ? account.userId : userIdFor(email)
  identify(userId, { email, ...(name ? { name } : {}) })
  track('Order Completed', { ...order, payment_method: String(data.get('payment') ?? 'card') })
  await flush()
  clearCart()
  form.hidden = true
  summaryBox.hidden = true
  confirmation.hidden = false
  const heading = document.createElement('h2')
  heading.textContent = `Thank you! Order ${orderId} is on its way.`
  const receipt = document.createElement('p')
  receipt.textContent = `We sent a receipt to ${email}.`
  const link = document.createElement('a')
  link.href = `/#profile=${encodeURIComponent(`email:${email}`)}`
  link.textContent = 'See this journey in the Itinera explorer'
  const linkParagraph = document.createElement('p')
  linkParagraph.append(link)
  confirmation.replaceChildren(heading, receipt, linkParagraph)
  confirmation.focus()
  renderChrome()
})

renderChrome()
page('Checkout')
if (summary.lines.length > 0) track('Checkout Started', { ...order, value: summary.total })
