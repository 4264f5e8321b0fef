// Loads one profile (profile, journey, history, timeline pages) and re-renders it on refresh.

import { h, replace } from './dom.js'
import { renderIdentities } from './views/identities-view.js'
import { renderProfileHeader } from './views/profile-header-view.js'
import { renderRibbon } from './views/ribbon-view.js'
import { renderTimeline } from './views/timeline-view.js'
import { renderTraits } from './views/traits-view.js'

const PAGE = 100
const AUTO_PAGES = 5

/**
 * @param {HTMLElement} container
 * @param {ReturnType<typeof import('./api-client.js').createApiClient>} api
 */
export function createProfileController(container, api) {
  const announcer = document.getElementById('profile-announcer')
  /** What the last render showed, so a poll that changes nothing leaves the page (and focus) alone. */
  let shown = ''
  /** @type {{ ref: string, profile: any, journey: any, history: any, pages: Array<{ cursor: string | null, data: any[], next: string | null }> } | null} */
  let state = null

  /** @param {string} ref @param {string | null} cursor */
  const fetchPage = async (ref, cursor) => {
    const page = await api.getEvents(ref, { limit: PAGE, ...(cursor ? { cursor } : {}) })
    return { cursor, data: Array.isArray(page?.data) ? page.data : [], next: page?.next ?? null }
  }

  /** Follows `next` from the last loaded page, up to `count` more pages. */
  async function loadPages(count) {
    if (!state) return
    for (let i = 0; i < count; i += 1) {
      const last = state.pages.at(-1)
      if (last && !last.next) break
      state.pages.push(await fetchPage(state.ref, last ? last.next : null))
    }
  }

  /** @param {NonNullable<typeof state>} current */
  const signature = (current) =>
    JSON.stringify([
      current.profile,
      current.journey,
      current.history,
      current.pages.map((page) => [page.data.length, page.data.at(-1)?.messageId, page.next]),
    ])

  function render() {
    if (!state) return
    const ref = state.ref
    shown = signature(state)
    const events = state.pages.flatMap((page) => page.data)
    const more = Boolean(state.pages.at(-1)?.next)
    const stageByMessage = new Map(
      (state.journey?.entries ?? state.journey?.stages ?? [])
        .filter((entry) => entry.messageId)
        .map((entry) => [entry.messageId, entry.stage]),
    )
    const profile = { ...state.profile, stage: state.journey?.stage ?? state.profile.stage }
    replace(
      container,
      renderProfileHeader(profile, { events: events.length, more }),
      renderRibbon(state.journey),
      h(
        'div',
        { class: 'profile-grid' },
        h(
          'div',
          { class: 'profile-side' },
          renderIdentities(state.profile.identifiers ?? [], state.history, (a, b) =>
            api.explain(ref, a, b),
          ),
          renderTraits(state.profile.traits),
        ),
        renderTimeline(events, {
          more,
          stageByMessage,
          onMore: () => void loadPages(1).then(render),
        }),
      ),
    )
  }

  /** @param {string} ref */
  async function fetchAll(ref) {
    const [profile, journey, history] = await Promise.all([
      api.getProfile(ref),
      api.getJourney(ref).catch(() => null),
      api.getHistory(ref).catch(() => null),
    ])
    return { profile, journey, history }
  }

  return {
    /** Loads and shows a profile; rejects with the API's error (404 for an unknown ref). */
    async open(ref) {
      const loaded = await fetchAll(ref)
      state = { ref, ...loaded, pages: [] }
      await loadPages(AUTO_PAGES)
      container.hidden = false
      render()
    },
    /** Reloads the profile and the last timeline page, picking up new events and merges. */
    async refresh() {
      if (!state) return
      const current = state
      const count = () => current.pages.reduce((sum, page) => sum + page.data.length, 0)
      const before = count()
      const last = current.pages.at(-1)
      const [loaded, page] = await Promise.all([
        fetchAll(current.ref),
        fetchPage(current.ref, last?.cursor ?? null),
      ])
      if (state !== current) return
      current.pages[Math.max(0, current.pages.length - 1)] = page
      if (current.pages.length < AUTO_PAGES) await loadPages(AUTO_PAGES - current.pages.length)
      if (state !== current) return
      Object.assign(current, loaded)
      if (signature(current) === shown) return
      const added = count() - before
      render()
      if (announcer && added > 0) {
        announcer.textContent = `${added} new event${added === 1 ? '' : 's'} on this profile.`
      }
    },
    close() {
      state = null
      container.hidden = true
      container.replaceChildren()
    },
    get ref() {
      return state?.ref ?? null
    },
  }
}
