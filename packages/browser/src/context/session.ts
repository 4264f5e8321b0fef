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

/**
 * Creates the session tracker, shared by tabs through localStorage; it writes there only while
 * `persist()` is true (consent given), and keeps the session in memory until then.
 */
export function createSession(persist: () => boolean): Session {
  let current: SessionRecord | undefined
  let written = 0
  let search: string | undefined
  // The landing URL's campaign counts even when the first call comes after a navigation.
  let landing = parseCampaign(location.search)
  return {
    touch(now) {
      // track() must stay cheap: storage is read only when the session may have expired (another
      // tab may have kept it alive) and written at most once a minute unless something changed.
      let write = now - written > 60_000
      if (!current || now - current.t > TIMEOUT) {
        const stored = readJson<SessionRecord>(KEY)
        if (stored && (!current || stored.t > current.t)) current = stored
        if (!current || now - current.t > TIMEOUT) {
          current = { id: uuid(), t: now }
          write = true
        }
      }
      if (location.search !== search) {
        search = location.search
        const campaign = parseCampaign(search) ?? landing
        landing = undefined
        if (campaign && JSON.stringify(campaign) !== JSON.stringify(current.c)) {
          current.c = campaign
          write = true
        }
      }
      current.t = now
      if (write && persist()) {
        written = now
        writeJson(KEY, current)
      }
      return current
    },
  }
}
