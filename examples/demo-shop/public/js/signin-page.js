// Sign in: `identify` with the account's user id and traits, then `Signed In`.

import { currentAccount, readEmailField, renderChrome, saveAccount } from './layout.js'
import { flush, identify, page, track, userIdFor } from './tracker.js'

const form = /** @type {HTMLFormElement} */ (document.querySelector('[data-signin-form]'))
const status = /** @type {HTMLElement} */ (document.querySelector('[data-signed-in]'))

/** @param {{ email: string }} account */
function showSignedIn(account) {
  status.hidden = false
  const who = document.createElement('strong')
  who.textContent = account.email
  const link = document.createElement('a')
  link.href = 'index.html'
  link.textContent = 'Continue shopping'
  status.replaceChildren('You are signed in as ', who, '. ', link)
}

form.addEventListener('submit', async (event) => {
  event.preventDefault()
  const email = readEmailField(form)
  if (email === undefined) return
  const data = new FormData(form)
  const firstName = String(data.get('firstName') ?? '').trim()
  const account = { userId: userIdFor(email), email, ...(firstName ? { firstName } : {}) }
  saveAccount(account)
  identify(account.userId, { email, ...(firstName ? { firstName } : {}) })
  track('Signed In', { method: 'email' })
  await flush()
  showSignedIn(account)
  renderChrome()
})

const account = currentAccount()
if (account) showSignedIn(account)
renderChrome()
page('Sign In')
