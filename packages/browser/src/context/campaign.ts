import type { JsonObject } from '../types'

const UTM: Record<string, string> = {
  utm_campaign: 'name',
  utm_source: 'source',
  utm_medium: 'medium',
  utm_term: 'term',
  utm_content: 'content',
}
const CLICK_IDS = ['gclid', 'fbclid', 'msclkid']

/** Campaign fields from UTM parameters and ad click ids in a query string; undefined when none. */
export function parseCampaign(search: string): JsonObject | undefined {
  const params = new URLSearchParams(search)
  const campaign: JsonObject = {}
  params.forEach((value, key) => {
    const k = key.toLowerCase()
    if (UTM[k]) campaign[UTM[k]] = value
    else if (CLICK_IDS.includes(k)) campaign[k] = value
  })
  return Object.keys(campaign).length ? campaign : undefined
}
