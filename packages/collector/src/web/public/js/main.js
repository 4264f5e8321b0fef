// Explorer entry: asks for the secret once, then wires search, profile, workspace views and polling.

import { ApiError, createApiClient } from './api-client.js'
import { createPoller } from './poller.js'
import { createProfileController } from './profile-controller.js'
import { parseProfileRef } from './profile-ref.js'
import { showRecentProfiles } from './recent-profiles.js'
import { forgetSecret, loadSecret, saveSecret } from './secret-store.js'
import { createVisibilityTracker } from './visibility.js'
import { createWorkQueue } from './work-queue.js'
import { createAttributionView } from './views/attribution-view.js'
import { createFunnelView } from './views/funnel-view.js'
import { createPathsView } from './views/paths-view.js'
import { createStagesView } from './views/stages-view.js'

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id))

// Profiles refresh often; workspace analytics scan every profile, so they refresh rarely.
const PROFILE_POLL_MS = 4000
const WORKSPACE_POLL_MS = 60_000

/** The profile ref in the location hash (`#profile=email%3Aana%40example.com`), if any. */
function refFromHash() {
  const match = /^#profile=(.+)$/.exec(location.hash)
  return match ? decodeURIComponent(match[1]) : null
}

function showKeyForm(message = '') {
  byId('app').hidden = true
  byId('session').hidden = true
  byId('key-section').hidden = false
  byId('key-error').textContent = message
  byId('key-input').focus()
}

/** @param {string} secret */
async function start(secret) {
  const api = createApiClient({ secret })
  try {
    // The cheapest authenticated call: one profile of the export.
    await api.listProfiles({ limit: 1 })
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      forgetSecret()
      showKeyForm('This key was refused. Use the workspace’s secret key, not its write key.')
      return
    }
  }
  byId('key-section').hidden = true
  byId('app').hidden = false
  byId('session').hidden = false

  const profile = createProfileController(byId('profile'), api)
  const views = new Map([
    [byId('funnel-card'), createFunnelView(byId('funnel-card'), api)],
    [byId('stages-card'), createStagesView(byId('stages-card'), api)],
    [byId('paths-card'), createPathsView(byId('paths-card'), api)],
    [byId('attribution-card'), createAttributionView(byId('attribution-card'), api)],
  ])
  const queue = createWorkQueue()
  const visibility = createVisibilityTracker((card) => {
    const view = views.get(/** @type {HTMLElement} */ (card))
    if (view) void queue.run(view.refresh)
  })
  for (const card of views.keys()) visibility.watch(card)
  const searchError = byId('search-error')

  /** @param {string} ref @param {{ focus?: boolean }} [options] */
  async function openProfile(ref, { focus = true } = {}) {
    searchError.textContent = ''
    byId('profile').setAttribute('aria-busy', 'true')
    try {
      await profile.open(ref)
      if (location.hash !== `#profile=${encodeURIComponent(ref)}`) {
        history.pushState(null, '', `#profile=${encodeURIComponent(ref)}`)
      }
      if (focus) document.getElementById('profile-title')?.focus()
    } catch (error) {
      profile.close()
      searchError.textContent =
        error instanceof ApiError && error.status === 404
          ? `No profile found for ${ref}.`
          : error instanceof Error
            ? error.message
            : String(error)
    } finally {
      byId('profile').removeAttribute('aria-busy')
    }
  }

  byId('search-form').addEventListener('submit', (event) => {
    event.preventDefault()
    const input = /** @type {HTMLInputElement} */ (byId('search-input'))
    const parsed = parseProfileRef(input.value)
    if (!parsed.ok) {
      searchError.textContent = parsed.error
      input.focus()
      return
    }
    void openProfile(parsed.ref)
  })
  window.addEventListener('popstate', () => {
    const ref = refFromHash()
    if (ref) void openProfile(ref, { focus: false })
    else profile.close()
  })

  const status = byId('live-status')
  const onState = (state) => {
    status.textContent =
      state === 'live' ? 'Live' : state === 'paused' ? 'Paused' : 'Update failed, retrying'
    status.dataset.state = state
  }
  const pollers = [
    createPoller(() => profile.refresh(), { intervalMs: PROFILE_POLL_MS, onState }),
    createPoller(
      async () => {
        const seen = [...views].filter(([card]) => visibility.isVisible(card))
        await Promise.all(seen.map(([, view]) => queue.run(view.refresh)))
      },
      { intervalMs: WORKSPACE_POLL_MS },
    ),
  ]
  const liveToggle = /** @type {HTMLInputElement} */ (byId('live-toggle'))
  const setLive = () => {
    for (const poller of pollers) poller.setEnabled(liveToggle.checked)
  }
  liveToggle.addEventListener('change', setLive)

  void showRecentProfiles(byId('recent-profiles'), api, (ref) => void openProfile(ref))
  const initial = refFromHash()
  if (initial) await openProfile(initial, { focus: false })
  setLive()
  document.body.dataset.ready = 'true'
}

byId('key-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const input = /** @type {HTMLInputElement} */ (byId('key-input'))
  const secret = input.value.trim()
  if (!secret) {
    byId('key-error').textContent = 'Enter the secret key.'
    return
  }
  saveSecret(secret)
  input.value = ''
  void start(secret)
})
byId('forget-key').addEventListener('click', () => {
  forgetSecret()
  location.hash = ''
  location.reload()
})

const saved = loadSecret()
if (saved) void start(saved)
else showKeyForm()
