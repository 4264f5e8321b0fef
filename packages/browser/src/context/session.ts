import { readJson, writeJson } from '../env'
import type { JsonObject } from '../types'
import { uuid } from '../uuid'
import { parseCampaign } from './campaign'

const KEY = 'itn_session'
const TIMEOUT = 30 * 60_000

interface SessionRecord {
  id: string
  /** Last activity, ms. */
  t: number
  /** Campaign seen in this session. */
  c?: JsonObject
}

/** The session id (a new one after 30 minutes without activity) and the campaign kept for it. */
export interface Session {
  touch(now: number): SessionRecord
}

/** Creates the session tracker, shared by tabs through localStorage. */
export function createSession(): Session {
  let current: SessionRecord | undefined
  // The landing URL's campaign counts even when the first call comes after a navigation.
  let landing = parseCampaign(location.search)
  return {
    touch(now) {
      const stored = readJson<SessionRecord>(KEY)
      // Another tab's activity counts too.
      if (stored && (!current || stored.t > current.t)) current = stored
      if (!current || now - current.t > TIMEOUT) current = { id: uuid(), t: now }
      const campaign = parseCampaign(location.search) ?? landing
      landing = undefined
      const fresh = campaign && JSON.stringify(campaign) !== JSON.stringify(current.c)
      if (fresh) current.c = campaign
      // Persist at most once a minute unless something changed: track() must stay cheap.
      const write = fresh || stored?.id !== current.id || now - (stored?.t ?? 0) > 60_000
      current.t = now
      if (write) writeJson(KEY, current)
      return current
    },
  }
}
