// Calls the collector's profile and journey API with the workspace secret (issue 7).

import { encodeProfileRef } from './profile-ref.js'

/** An error answer of the API, with its status and the server's message. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {{ code?: string, message?: string, param?: string, ref?: string } | undefined} body
   */
  constructor(status, body) {
    super(body?.message ?? `The collector answered ${status}.`)
    this.name = 'ApiError'
    this.status = status
    this.code = body?.code ?? null
    this.param = body?.param ?? null
  }
}

/**
 * @param {{ secret: string, baseUrl?: string }} options
 */
export function createApiClient({ secret, baseUrl = '' }) {
  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   */
  async function request(method, path, body) {
    /** @type {Record<string, string>} */
    const headers = { authorization: `Bearer ${secret}`, accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    let response
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch {
      throw new ApiError(0, { message: 'The collector cannot be reached. Is it running?' })
    }
    const text = await response.text()
    let json
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    if (!response.ok) {
      const retryAfter = response.headers.get('retry-after')
      const error = new ApiError(response.status, json?.error)
      if (retryAfter) error.retryAfterMs = Number(retryAfter) * 1000
      throw error
    }
    return json
  }

  const profile = (ref) => `/v1/profiles/${encodeProfileRef(ref)}`
  /** @param {Record<string, unknown>} query */
  const search = (query) => {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query))
      if (value != null) params.set(key, String(value))
    const text = params.toString()
    return text ? `?${text}` : ''
  }

  return {
    /** @param {{ limit?: number, cursor?: string }} [query] */
    listProfiles: (query = {}) => request('GET', `/v1/profiles${search(query)}`),
    /** @param {string} ref */
    getProfile: (ref) => request('GET', profile(ref)),
    /** @param {string} ref @param {{ limit?: number, cursor?: string | null }} [query] */
    getEvents: (ref, query = {}) => request('GET', `${profile(ref)}/events${search(query)}`),
    /** @param {string} ref */
    getJourney: (ref) => request('GET', `${profile(ref)}/journey`),
    /** @param {string} ref */
    getHistory: (ref) => request('GET', `${profile(ref)}/history`),
    /**
     * @param {string} ref
     * @param {{ type: string, value: string }} a
     * @param {{ type: string, value: string }} b
     */
    explain: (ref, a, b) =>
      request(
        'GET',
        `${profile(ref)}/explain${search({ a: `${a.type}:${a.value}`, b: `${b.type}:${b.value}` })}`,
      ),
    /** @param {Record<string, unknown>} body */
    funnel: (body) => request('POST', '/v1/funnels', body),
    /** @param {Record<string, unknown>} body */
    paths: (body) => request('POST', '/v1/paths', body),
    /** @param {Record<string, unknown>} body */
    attribution: (body) => request('POST', '/v1/attribution', body),
    stages: () => request('GET', '/v1/stages'),
  }
}
