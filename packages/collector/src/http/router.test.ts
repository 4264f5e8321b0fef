import { describe, expect, it } from 'vitest'
import { Router } from './router.js'

describe('Router', () => {
  it('matches literal paths, parameters and wildcards in registration order', () => {
    const router = new Router()
    const a = () => 'a'
    const b = () => 'b'
    const c = () => 'c'
    router.add('GET', '/v1/profiles/:ref', a)
    router.add('GET', '/v1/profiles/:ref/events', b)
    router.add('GET', '/static/*', c)
    expect(router.match('GET', '/v1/profiles/email%3Aana%40x.io')).toEqual({
      kind: 'found',
      handler: a,
      params: { ref: 'email:ana@x.io' },
    })
    expect(router.match('GET', '/v1/profiles/p1/events')).toMatchObject({
      handler: b,
      params: { ref: 'p1' },
    })
    expect(router.match('GET', '/static/js/app.js')).toMatchObject({
      handler: c,
      params: { '*': 'js/app.js' },
    })
    expect(router.match('HEAD', '/static/')).toMatchObject({ handler: c, params: { '*': '' } })
  })

  it('tells a wrong method from an unknown path', () => {
    const router = new Router()
    router.add('POST', '/v1/batch', () => undefined)
    expect(router.match('GET', '/v1/batch')).toEqual({
      kind: 'method_not_allowed',
      allowed: ['POST'],
    })
    expect(router.match('POST', '/v1/nope')).toEqual({ kind: 'not_found' })
  })

  it('does not match a parameter that is not valid percent-encoding', () => {
    const router = new Router()
    router.add('GET', '/v1/profiles/:ref', () => undefined)
    expect(router.match('GET', '/v1/profiles/%E0%A4%A')).toEqual({ kind: 'not_found' })
  })
})
