import { readJson, writeJson } from '../env'
import type { JsonObject, UserState } from '../types'
import { uuid } from '../uuid'
import { readCookie, writeCookie } from './cookie'

const ANON = 'itn_aid'
const USER = 'itn_uid'
const TRAITS = 'itn_traits'

/** The visitor's ids and traits, persisted in cookies mirrored to localStorage. */
export interface Identity {
  get(): UserState
  setUser(userId: string | undefined, traits: JsonObject | undefined): void
  reset(): void
  /** Allows or forbids writing to cookies and localStorage (consent); allowing writes the current state. */
  persist(allowed: boolean): void
}

/**
 * Restores the identity: the cookie wins over localStorage (it is shared across subdomains,
 * Segment #706), and localStorage restores a cookie Safari has wiped.
 */
export function createIdentity(cookieDomain: string | undefined, persist: boolean): Identity {
  const stored = readJson<{ a?: string; u?: string }>(ANON) ?? {}
  let anonymousId = readCookie(ANON) ?? stored.a ?? uuid()
  let userId = readCookie(USER) ?? stored.u
  let traits = readJson<JsonObject>(TRAITS) ?? {}
  let allowed = persist

  const save = () => {
    if (!allowed) return
    writeCookie(ANON, anonymousId, cookieDomain)
    writeCookie(USER, userId, cookieDomain)
    writeJson(ANON, { a: anonymousId, u: userId })
    writeJson(TRAITS, Object.keys(traits).length ? traits : undefined)
  }
  save()

  return {
    get: () => ({ anonymousId, userId, traits: { ...traits } }),
    setUser(id, newTraits) {
      // A different user id starts from fresh traits, as analytics.js does.
      if (id !== undefined && id !== userId) {
        if (userId !== undefined) traits = {}
        userId = id
      }
      if (newTraits) traits = { ...traits, ...newTraits }
      save()
    },
    reset() {
      anonymousId = uuid()
      userId = undefined
      traits = {}
      save()
    },
    persist(value) {
      allowed = value
      save()
    },
  }
}
