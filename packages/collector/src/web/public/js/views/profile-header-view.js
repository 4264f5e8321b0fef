// The profile's heading: who it is, its current stage and when it was first and last seen.

import { h } from '../dom.js'
import { formatDateTime } from '../format.js'

/**
 * A human name for a profile: its name or email trait, else its first known identifier.
 * @param {{ id: string, traits?: Record<string, unknown>, identifiers?: Array<{ type: string, value: string }> }} profile
 */
export function displayName(profile) {
  const trait = (key) => {
    const raw = profile.traits?.[key]
    const value = raw && typeof raw === 'object' && 'value' in raw ? raw.value : raw
    return typeof value === 'string' && value !== '' ? value : undefined
  }
  const named = trait('name') ?? [trait('firstName'), trait('lastName')].filter(Boolean).join(' ')
  const ids = profile.identifiers ?? []
  const byType = (type) => ids.find((id) => id.type === type)
  const first = byType('email') ?? byType('user_id') ?? byType('phone') ?? ids[0]
  if (named || trait('email')) return named || trait('email')
  if (first?.type === 'anonymous_id') return `Anonymous visitor ${first.value.slice(0, 8)}`
  return first?.value || profile.id
}

/**
 * @param {{ id: string, stage?: string | null, firstSeen?: string, lastSeen?: string, traits?: Record<string, unknown>, identifiers?: Array<{ type: string, value: string }> }} profile
 * @param {{ events: number, more: boolean }} counts
 */
export function renderProfileHeader(profile, counts) {
  return h(
    'header',
    { class: 'profile-header' },
    h(
      'div',
      {},
      h('h2', { id: 'profile-title', tabindex: '-1' }, displayName(profile)),
      h('p', { class: 'profile-id' }, 'Profile ', h('code', {}, profile.id)),
    ),
    h(
      'dl',
      { class: 'profile-facts' },
      h(
        'div',
        {},
        h('dt', {}, 'Current stage'),
        h('dd', { class: 'stage-badge', 'data-testid': 'current-stage' }, profile.stage ?? 'none'),
      ),
      h('div', {}, h('dt', {}, 'First seen'), h('dd', {}, formatDateTime(profile.firstSeen))),
      h('div', {}, h('dt', {}, 'Last seen'), h('dd', {}, formatDateTime(profile.lastSeen))),
      h('div', {}, h('dt', {}, 'Events'), h('dd', {}, `${counts.events}${counts.more ? '+' : ''}`)),
    ),
  )
}
