import { createWorkspace, type CreatedWorkspace } from '@itinera/collector'
import { basic, post, startHarness, type Harness } from './harness.js'

/** A collector with a second workspace, for the profile API tests. */
export interface ApiHarness extends Harness {
  other: CreatedWorkspace
  /** Sends messages with the first workspace's write key and waits for their profiles. */
  send(
    messages: Record<string, unknown>[],
    workspace?: CreatedWorkspace,
  ): Promise<Record<string, unknown>>
  /** Calls the API with the first workspace's secret key unless `key` says otherwise. */
  api: ApiCaller
}

/** Calls the profile API of a collector; `key: null` sends no key, `basic` a Basic header. */
export type ApiCaller = (
  method: string,
  path: string,
  options?: { key?: string | null; basic?: string; body?: unknown },
  // Answers are JSON whose shape each test asserts; `any` keeps those assertions short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
) => Promise<{ status: number; body: any; headers: Headers }>

/** An {@link ApiCaller} for the collector at `url`, authenticating with `secretKey`. */
export function createApiCaller(url: string, secretKey: string): ApiCaller {
  return async (method, path, { key, basic: basicKey, body } = {}) => {
    const headers: Record<string, string> = { accept: 'application/json' }
    const secret = key === undefined ? secretKey : key
    if (secret !== null) headers.authorization = `Bearer ${secret}`
    if (basicKey !== undefined) headers.authorization = basic(basicKey)
    if (body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    return {
      status: response.status,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
      headers: response.headers,
    }
  }
}

export async function startApiHarness(
  options: Parameters<typeof startHarness>[0] = {},
): Promise<ApiHarness> {
  const harness = await startHarness(options)
  const other = await createWorkspace(harness.collector.store, { name: 'other' })
  return {
    ...harness,
    other,
    send: async (messages, workspace = harness.workspace) => {
      const answer = await post(
        `${harness.url}/v1/batch`,
        { batch: messages },
        {
          writeKey: workspace.writeKey,
        },
      )
      await harness.collector.projector.flush()
      return answer.body
    },
    api: createApiCaller(harness.url, harness.workspace.secretKey),
  }
}

/** ISO time `minute` minutes after 2026-01-01T10:00Z. */
export const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString()

/** Path of a profile ref. */
export const profilePath = (ref: string, suffix = '') =>
  `/v1/profiles/${encodeURIComponent(ref)}${suffix}`
