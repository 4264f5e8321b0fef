import type { ServerResponse } from 'node:http'

/** Writes a JSON answer (unless the response was already sent). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

/** The error body every route answers with: never a stack trace. */
export function errorBody(reason: string, message: string) {
  return { success: false, error: { code: reason, message } }
}
