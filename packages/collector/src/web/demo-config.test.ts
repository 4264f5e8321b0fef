import { describe, expect, it } from 'vitest'
import type { Collector } from '../collector.js'
import { registerDemoShopConfig } from './demo-config.js'

type Handler = Parameters<Collector['route']>[2]

function capture(writeKey: string) {
  const routes: { method: string; pattern: string; handler: Handler }[] = []
  registerDemoShopConfig(
    { route: (method, pattern, handler) => void routes.push({ method, pattern, handler }) },
    { writeKey },
  )
  return routes
}

async function answer(handler: Handler, method = 'GET') {
  const response = { status: 0, headers: {} as Record<string, unknown>, body: '' }
  const res = {
    writeHead: (status: number, headers: Record<string, unknown>) => {
      response.status = status
      response.headers = headers
    },
    end: (body?: string) => {
      response.body = body ?? ''
    },
  }
  await handler({ req: { method }, res } as never)
  return response
}

describe('registerDemoShopConfig', () => {
  it('serves the write key to the demo shop at /demo/config.js', async () => {
    const [route] = capture('wk_demo')
    expect(route).toMatchObject({ method: 'GET', pattern: '/demo/config.js' })
    const response = await answer(route!.handler)
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(response.body).toBe('window.ITINERA_DEMO = {"writeKey":"wk_demo","host":""}\n')
  })

  it('escapes markup so the key can never close the script', async () => {
    const [route] = capture('</script><script>alert(1)')
    const response = await answer(route!.handler)
    expect(response.body).not.toContain('</script>')
    expect(response.body).toContain('\\u003c/script>')
  })
})
