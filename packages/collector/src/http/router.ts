import type { IncomingMessage, ServerResponse } from 'node:http'

/** HTTP methods a route can answer; `*` answers any. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | '*'

/** Everything a route handler gets for one request. */
export interface RequestContext {
  req: IncomingMessage
  res: ServerResponse
  /** Parsed request URL (path and query). */
  url: URL
  /** Path parameters: `:name` segments, and `*` for the rest of a wildcard path. */
  params: Record<string, string>
}

/**
 * Handles one request. It writes to `ctx.res` itself, or returns a value that is answered as
 * JSON with status 200. Throwing an `HttpError` answers its status and message; any other
 * error answers 500 without details.
 */
export type RouteHandler<C extends RequestContext = RequestContext> = (ctx: C) => unknown

interface Route<C extends RequestContext> {
  method: HttpMethod
  segments: string[]
  wildcard: boolean
  handler: RouteHandler<C>
}

/** The outcome of matching a request against the routes. */
export type RouteMatch<C extends RequestContext> =
  | { kind: 'found'; handler: RouteHandler<C>; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'not_found' }

const split = (path: string) => path.split('/').filter((segment) => segment !== '')

/**
 * A small path router: literal segments, `:name` parameters and a trailing `*` wildcard.
 * Routes registered first win.
 */
export class Router<C extends RequestContext = RequestContext> {
  private readonly routes: Route<C>[] = []

  /** Adds a route, e.g. `add('GET', '/v1/profiles/:ref/events', handler)`. */
  add(method: HttpMethod, pattern: string, handler: RouteHandler<C>): void {
    const segments = split(pattern)
    const wildcard = segments.at(-1) === '*'
    if (wildcard) segments.pop()
    this.routes.push({ method, segments, wildcard, handler })
  }

  /** Finds the handler for a method and path. */
  match(method: string, path: string): RouteMatch<C> {
    const parts = split(path)
    const allowed: string[] = []
    for (const route of this.routes) {
      const params = matchSegments(route, parts)
      if (!params) continue
      if (route.method === '*' || route.method === method) {
        return { kind: 'found', handler: route.handler, params }
      }
      if (route.method === 'GET' && method === 'HEAD') {
        return { kind: 'found', handler: route.handler, params }
      }
      allowed.push(route.method)
    }
    return allowed.length > 0 ? { kind: 'method_not_allowed', allowed } : { kind: 'not_found' }
  }
}

function matchSegments<C extends RequestContext>(
  route: Route<C>,
  parts: string[],
): Record<string, string> | undefined {
  const { segments, wildcard } = route
  if (wildcard ? parts.length < segments.length : parts.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string
    const part = parts[i] as string
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(part)
      } catch {
        return undefined
      }
    } else if (segment !== part) return undefined
  }
  if (wildcard) params['*'] = parts.slice(segments.length).join('/')
  return params
}
