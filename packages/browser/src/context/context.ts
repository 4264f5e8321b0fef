import type { JsonObject } from '../types'
import { VERSION } from '../version'
import { pageContext } from './page'
import type { Session } from './session'

/** Builds the automatic `context` of each message; the static part is computed once. */
export function createContextBuilder(session: Session): (now: number) => JsonObject {
  const s = globalThis.screen
  const fixed: JsonObject = {
    library: { name: '@itinera/browser', version: VERSION },
    userAgent: navigator.userAgent,
    locale: navigator.language,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    screen: s && { width: s.width, height: s.height, density: globalThis.devicePixelRatio },
    channel: 'web',
  }
  return (now) => {
    const { id, c } = session.touch(now)
    return { ...fixed, page: pageContext(), campaign: c, session: { id } }
  }
}
