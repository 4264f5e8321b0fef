import type { Message } from '../spec/index.js'
import type { Campaign, Touchpoint } from './types.js'

const CAMPAIGN_FIELDS = ['name', 'source', 'medium', 'term', 'content'] as const
// utm_campaign carries the campaign's name, as in Segment's analytics.js. A Map: a query key
// such as `constructor` must not find Object.prototype's members.
const UTM_FIELDS = new Map<string, keyof Campaign>([
  ['utm_campaign', 'name'],
  ['utm_source', 'source'],
  ['utm_medium', 'medium'],
  ['utm_term', 'term'],
  ['utm_content', 'content'],
])

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/** The `utm_*` parameters of a URL or query string, as a campaign; undefined when none. */
export function campaignFromUrl(url: string): Campaign | undefined {
  const start = url.indexOf('?')
  if (start === -1 || !url.includes('utm_')) return undefined
  const end = url.indexOf('#', start)
  const query = url.slice(start + 1, end === -1 ? undefined : end)
  let campaign: Campaign | undefined
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=')
    const key = decode(eq === -1 ? pair : pair.slice(0, eq)).toLowerCase()
    const field = UTM_FIELDS.get(key)
    if (field === undefined || eq === -1) continue
    const value = decode(pair.slice(eq + 1))
    if (value !== '') (campaign ??= {})[field] = value
  }
  return campaign
}

function campaignFromContext(value: unknown): Campaign | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const source = value as Record<string, unknown>
  let campaign: Campaign | undefined
  for (const field of CAMPAIGN_FIELDS) {
    const entry = source[field]
    if (typeof entry === 'string' && entry !== '') (campaign ??= {})[field] = entry
  }
  return campaign
}

function referrerOf(context: NonNullable<Message['context']>): string | undefined {
  const referrer = context['referrer']
  if (typeof referrer === 'object' && referrer !== null) {
    const { url, link } = referrer as Record<string, unknown>
    if (typeof url === 'string' && url !== '') return url
    if (typeof link === 'string' && link !== '') return link
  }
  const pageReferrer = context.page?.referrer
  return pageReferrer === undefined || pageReferrer === '' ? undefined : pageReferrer
}

/**
 * The touchpoint a message carries: its campaign (`context.campaign`, else the `utm_*`
 * parameters of `context.page.url`/`search`) and its referrer; undefined when it has neither.
 */
export function extractTouchpoint(message: Message): Touchpoint | undefined {
  const context = message.context
  if (context === undefined) return undefined
  const page = context.page
  const campaign =
    campaignFromContext(context.campaign) ??
    (page?.url === undefined ? undefined : campaignFromUrl(page.url)) ??
    (page?.search === undefined ? undefined : campaignFromUrl(`?${page.search.replace(/^\?/, '')}`))
  const referrer = referrerOf(context)
  if (campaign === undefined && referrer === undefined) return undefined
  const touchpoint: Touchpoint = {}
  if (campaign !== undefined) touchpoint.campaign = campaign
  if (referrer !== undefined) touchpoint.referrer = referrer
  return touchpoint
}
