// A few profiles to open with one click, so a first visit has somewhere to start.

import { h, replace } from './dom.js'
import { displayName } from './views/profile-header-view.js'

/**
 * @param {HTMLElement} container
 * @param {ReturnType<typeof import('./api-client.js').createApiClient>} api
 * @param {(ref: string) => void} onOpen
 */
export async function showRecentProfiles(container, api, onOpen) {
  try {
    const page = await api.listProfiles({ limit: 8 })
    const profiles = Array.isArray(page?.data) ? page.data : []
    if (profiles.length === 0) {
      replace(
        container,
        h(
          'p',
          { class: 'muted' },
          'No profiles yet. Walk through the ',
          h('a', { href: '/demo/' }, 'demo shop'),
          ' or start with ',
          h('code', {}, 'npm start -- --seed-demo'),
          '.',
        ),
      )
      return
    }
    replace(
      container,
      h('h2', { class: 'small-heading' }, 'Some profiles'),
      h(
        'ul',
        { class: 'chips' },
        profiles.map((profile) =>
          h(
            'li',
            {},
            h(
              'a',
              {
                href: `#profile=${encodeURIComponent(profile.id)}`,
                onclick: (event) => {
                  event.preventDefault()
                  onOpen(profile.id)
                },
              },
              displayName(profile),
              profile.stage ? h('span', { class: 'chip-stage' }, profile.stage) : null,
            ),
          ),
        ),
      ),
    )
  } catch {
    container.replaceChildren()
  }
}
