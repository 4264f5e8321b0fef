import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import type { RequestContext } from './router.js'
import { HttpError } from './http-error.js'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
}

const notFound = () => new HttpError(404, 'not_found', 'no such file')

/** Streams one file with its content type; 404 when it does not exist. */
export async function sendFile(ctx: RequestContext, file: string): Promise<void> {
  const info = await stat(file).catch(() => undefined)
  if (!info?.isFile()) throw notFound()
  ctx.res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': 'no-cache',
  })
  if (ctx.req.method === 'HEAD') {
    ctx.res.end()
    return
  }
  await new Promise<void>((done, fail) => {
    createReadStream(file).on('error', fail).pipe(ctx.res).on('finish', done).on('error', fail)
  })
}

/**
 * Serves the file at the request's wildcard path (`params['*']`) inside `directory`;
 * folders answer their `index.html`, and paths never leave the directory.
 */
export async function sendFromDirectory(ctx: RequestContext, directory: string): Promise<void> {
  const root = resolve(directory)
  let relative: string
  try {
    relative = decodeURIComponent(ctx.params['*'] ?? '')
  } catch {
    throw notFound()
  }
  if (relative.includes('\0')) throw notFound()
  const target = resolve(join(root, relative))
  if (target !== root && !target.startsWith(root + sep)) throw notFound()
  const info = await stat(target).catch(() => undefined)
  if (info?.isDirectory()) {
    if (!ctx.url.pathname.endsWith('/')) {
      ctx.res.writeHead(301, { location: `${ctx.url.pathname}/${ctx.url.search}` })
      ctx.res.end()
      return
    }
    return sendFile(ctx, join(target, 'index.html'))
  }
  return sendFile(ctx, target)
}
