import type { DemoCampaign, DemoProduct } from './catalog.js'

/** A Segment message as a client sends it (plain JSON, before validation). */
export interface DemoMessage {
  type: 'track' | 'identify' | 'page' | 'screen'
  messageId: string
  timestamp: string
  anonymousId?: string
  userId?: string
  event?: string
  name?: string
  category?: string
  properties?: Record<string, unknown>
  traits?: Record<string, unknown>
  context: Record<string, unknown>
}

/** Who sends: the ids a message carries. */
export interface Sender {
  anonymousId?: string
  userId?: string
}

const SHOP = 'https://shop.itinera.dev'
const USER_AGENTS = {
  desktop:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0 Safari/537.36',
  phone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
}

/** Context of a message sent by the browser SDK from a page of the shop. */
export function webContext(
  path: string,
  title: string,
  options: { campaign?: DemoCampaign; referrer?: string; phone?: boolean },
): Record<string, unknown> {
  const { campaign } = options
  const search = campaign
    ? `?utm_source=${campaign.source}&utm_medium=${campaign.medium}&utm_campaign=${campaign.name}${campaign.content ? `&utm_content=${campaign.content}` : ''}`
    : ''
  return {
    channel: 'web',
    library: { name: '@itinera/browser', version: '0.1.0' },
    page: { path, url: `${SHOP}${path}${search}`, title, referrer: options.referrer ?? '', search },
    ...(campaign ? { campaign: { ...campaign } } : {}),
    userAgent: options.phone ? USER_AGENTS.phone : USER_AGENTS.desktop,
    locale: 'en-US',
  }
}

/** Context of a message sent by the shop's mobile app. */
export function mobileContext(deviceId: string, campaign?: DemoCampaign): Record<string, unknown> {
  return {
    channel: 'mobile',
    library: { name: 'analytics-ios', version: '4.1.0' },
    app: { name: 'Itinera Shop', version: '2.3.0', build: '230' },
    device: { id: deviceId, type: 'ios', manufacturer: 'Apple', model: 'iPhone15,2' },
    os: { name: 'iOS', version: '17.5' },
    ...(campaign ? { campaign: { ...campaign } } : {}),
  }
}

/** Context of a message sent by the shop's back end with @itinera/node. */
export const serverContext = (): Record<string, unknown> => ({
  channel: 'server',
  library: { name: '@itinera/node', version: '0.1.0' },
})

/** Context of an email-service event (delivered, opened, clicked). */
export const emailContext = (): Record<string, unknown> => ({
  channel: 'email',
  library: { name: 'email-service', version: '1.0.0' },
})

/** Context of a point-of-sale message from a physical store. */
export const storeContext = (storeId: string): Record<string, unknown> => ({
  channel: 'pos',
  library: { name: 'pos-terminal', version: '3.2.0' },
  location: { city: storeId.replace('store-', '') },
})

/** The e-commerce spec's product properties. */
export const productProperties = (product: DemoProduct, extra: Record<string, unknown> = {}) => ({
  product_id: product.product_id,
  sku: product.sku,
  name: product.name,
  category: product.category,
  brand: product.brand,
  price: product.price,
  currency: 'USD',
  ...extra,
})

/** `Order Completed` properties for a list of products (Segment e-commerce spec v2). */
export function orderProperties(
  orderId: string,
  items: readonly { product: DemoProduct; quantity: number }[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const subtotal = items.reduce((sum, item) => sum + item.product.price * item.quantity, 0)
  const shipping = subtotal >= 100 ? 0 : 6.5
  const tax = Math.round(subtotal * 0.08 * 100) / 100
  return {
    order_id: orderId,
    checkout_id: `chk-${orderId}`,
    affiliation: 'Itinera Demo Shop',
    subtotal,
    shipping,
    tax,
    revenue: subtotal,
    total: Math.round((subtotal + shipping + tax) * 100) / 100,
    currency: 'USD',
    products: items.map((item, index) => ({
      ...productProperties(item.product),
      quantity: item.quantity,
      position: index + 1,
    })),
    ...extra,
  }
}
