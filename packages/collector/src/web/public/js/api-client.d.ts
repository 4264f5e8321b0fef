// Types for api-client.js, for the unit tests and editors; the browser loads the .js as is.
export declare class ApiError extends Error {
  constructor(
    status: number,
    body?: { code?: string; message?: string; param?: string; ref?: string },
  )
  readonly status: number
  readonly code: string | null
  readonly param: string | null
  retryAfterMs?: number
}
type Json = Promise<any> // eslint-disable-line @typescript-eslint/no-explicit-any
export declare function createApiClient(options: { secret: string; baseUrl?: string }): {
  listProfiles(query?: { limit?: number; cursor?: string }): Json
  getProfile(ref: string): Json
  getEvents(ref: string, query?: { limit?: number; cursor?: string | null }): Json
  getJourney(ref: string): Json
  getHistory(ref: string): Json
  explain(ref: string, a: { type: string; value: string }, b: { type: string; value: string }): Json
  funnel(body: Record<string, unknown>): Json
  paths(body: Record<string, unknown>): Json
  attribution(body: Record<string, unknown>): Json
  stages(): Json
}
