import type { MessageType } from '@itinera/core'
import type { IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'

/**
 * The one-letter paths analytics.js (Segment's browser SDK, `@segment/analytics-next`) posts to
 * under its `apiHost`: `/v1/t` for track and so on, and `/v1/b` for its batching delivery.
 */
export const ANALYTICS_JS_PATHS: Readonly<Record<string, MessageType | 'batch'>> = {
  t: 'track',
  i: 'identify',
  p: 'page',
  s: 'screen',
  g: 'group',
  a: 'alias',
  b: 'batch',
}

/**
 * The project settings analytics.js loads from `${cdnURL}/v1/projects/<writeKey>/settings` before
 * it sends anything: they point its Segment.io destination at this collector and turn off the
 * SDK's own telemetry (which Segment collects at `/v1/m`). With them, an unmodified analytics.js
 * only needs `cdnURL` set to the collector's address. The collector's address is `publicUrl` when
 * configured, else the request's `Host` and scheme.
 */
export function analyticsJsSettings(writeKey: string, req: IncomingMessage, publicUrl?: URL) {
  const base = publicUrl ?? requestUrl(req)
  return {
    integrations: {
      'Segment.io': {
        apiKey: writeKey,
        apiHost: `${base.host}${base.pathname.replace(/\/$/, '')}/v1`,
        protocol: base.protocol === 'https:' ? 'https' : 'http',
        unbundledIntegrations: [],
        addBundledMetadata: false,
        maybeBundledConfigIds: {},
      },
    },
    plan: {
      track: { __default: { enabled: true, integrations: {} } },
      identify: { __default: { enabled: true } },
      group: { __default: { enabled: true } },
    },
    enabledMiddleware: {},
    metrics: { sampleRate: 0 },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  }
}

// Behind a TLS-terminating proxy the request arrives over plain HTTP; the proxy's
// X-Forwarded-Proto names the scheme the browser used.
function requestUrl(req: IncomingMessage): URL {
  const forwarded = req.headers['x-forwarded-proto']
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim()
  const scheme =
    first === 'https' || first === 'http'
      ? first
      : (req.socket as TLSSocket).encrypted
        ? 'https'
        : 'http'
  try {
    return new URL(`${scheme}://${req.headers.host ?? 'localhost'}/`)
  } catch {
    return new URL(`${scheme}://localhost/`)
  }
}
