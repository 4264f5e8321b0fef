import { describe, expect, it } from 'vitest'
import { campaignFromUrl, extractTouchpoint, type Message } from '@itinera/core'

const withContext = (context: Record<string, unknown>): Message =>
  ({ type: 'page', userId: 'u1', context }) as unknown as Message

describe('extractTouchpoint', () => {
  it('prefers context.campaign over the UTM parameters of the page URL', () => {
    const touchpoint = extractTouchpoint(
      withContext({
        campaign: { source: 'google', medium: 'cpc', name: 'brand', extra: 1 },
        page: { url: 'https://a.example/?utm_source=other' },
      }),
    )
    expect(touchpoint).toEqual({ campaign: { source: 'google', medium: 'cpc', name: 'brand' } })
  })

  it('reads UTM parameters from the page URL, then from page.search', () => {
    expect(
      extractTouchpoint(
        withContext({ page: { url: 'https://a.example/p?utm_medium=email&x=1#top' } }),
      ),
    ).toEqual({ campaign: { medium: 'email' } })
    expect(extractTouchpoint(withContext({ page: { search: '?utm_term=shoes' } }))).toEqual({
      campaign: { term: 'shoes' },
    })
  })

  it('reads the referrer from context.referrer, then page.referrer', () => {
    expect(
      extractTouchpoint(
        withContext({
          referrer: { url: 'https://r.example/' },
          page: { referrer: 'https://p.example/' },
        }),
      ),
    ).toEqual({ referrer: 'https://r.example/' })
    expect(extractTouchpoint(withContext({ page: { referrer: 'https://p.example/' } }))).toEqual({
      referrer: 'https://p.example/',
    })
  })

  it('returns undefined when the message has neither campaign nor referrer', () => {
    expect(extractTouchpoint(withContext({ page: { url: 'https://a.example/' } }))).toBeUndefined()
    expect(
      extractTouchpoint({ type: 'track', event: 'X', userId: 'u' } as unknown as Message),
    ).toBeUndefined()
  })
})

describe('campaignFromUrl', () => {
  it('decodes values and maps utm_campaign to name', () => {
    expect(
      campaignFromUrl(
        'https://a.example/?UTM_CAMPAIGN=spring%20sale&utm_source=news+letter&utm_content=',
      ),
    ).toEqual({ name: 'spring sale', source: 'news letter' })
  })

  it('ignores query keys named like Object.prototype members', () => {
    expect(campaignFromUrl('/?constructor=a&__proto__=b&toString=c&utm_medium=email')).toEqual({
      medium: 'email',
    })
  })

  it('keeps malformed escapes as they are', () => {
    expect(campaignFromUrl('/?utm_source=%E0%A4%A')).toEqual({ source: '%E0%A4%A' })
  })

  it('returns undefined without a query or UTM parameters', () => {
    expect(campaignFromUrl('https://a.example/')).toBeUndefined()
    expect(campaignFromUrl('https://a.example/?q=utm')).toBeUndefined()
  })
})
