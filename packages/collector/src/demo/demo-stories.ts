import {
  DEMO_CAMPAIGNS,
  DEMO_PRODUCTS,
  DEMO_STORES,
  FIRST_NAMES,
  LAST_NAMES,
  type DemoCampaign,
  type DemoProduct,
} from './catalog.js'
import {
  emailContext,
  mobileContext,
  orderProperties,
  productProperties,
  serverContext,
  storeContext,
  webContext,
  type Sender,
} from './demo-messages.js'
import { TIME, type StoryWriter } from './story-writer.js'

/**
 * One kind of customer: a visitor who leaves at once, one who browses without buying, a buyer,
 * a repeat buyer, an advocate who also reviews, an app user, a store customer.
 */
export type DemoPersona = 'bouncer' | 'browser' | 'buyer' | 'repeat' | 'advocate' | 'app' | 'store'

/** Kinds of customer the demo dataset mixes, with their share. */
export const PERSONAS: readonly (readonly [DemoPersona, number])[] = [
  ['bouncer', 26],
  ['browser', 22],
  ['buyer', 22],
  ['repeat', 14],
  ['advocate', 6],
  ['app', 6],
  ['store', 4],
]

/** The person behind a story: their ids on each device and who they are. */
export interface Person {
  index: number
  webAnonymousId: string
  deviceId: string
  appAnonymousId: string
  userId: string
  email: string
  firstName: string
  lastName: string
}

/** Creates a person with ids drawn from the story's random sequence. */
export function createPerson(w: StoryWriter, index: number): Person {
  const firstName = w.random.pick(FIRST_NAMES)
  const lastName = w.random.pick(LAST_NAMES)
  return {
    index,
    webAnonymousId: w.random.uuid(),
    deviceId: w.random.uuid().toUpperCase(),
    appAnonymousId: w.random.uuid(),
    userId: `u_${String(index + 1).padStart(5, '0')}`,
    email: `${firstName}.${lastName}${index + 1}@example.com`.toLowerCase(),
    firstName,
    lastName,
  }
}

const traitsOf = (p: Person) => ({
  email: p.email,
  firstName: p.firstName,
  lastName: p.lastName,
  name: `${p.firstName} ${p.lastName}`,
})

const SEARCHES = ['shoes', 'rain jacket', 'head torch', 'sleeping bag', 'merino', 'bottle']

/** A web session: landing (with its campaign), product views, maybe adds to cart. */
export function webBrowse(
  w: StoryWriter,
  sender: Sender,
  options: { campaign?: DemoCampaign; phone?: boolean; addChance: number },
): DemoProduct[] {
  const { campaign, phone } = options
  const referrer =
    campaign?.medium === 'referral'
      ? 'https://outdoor-blog.example/gear-guide'
      : campaign?.source === 'google'
        ? 'https://www.google.com/'
        : ''
  w.add(sender, {
    type: 'page',
    name: 'Home',
    properties: { path: '/', title: 'Itinera Demo Shop', referrer },
    context: webContext('/', 'Itinera Demo Shop', { campaign, referrer, phone }),
  })
  const added: DemoProduct[] = []
  if (w.random.chance(0.6)) {
    w.step()
    const category = w.random.pick(DEMO_PRODUCTS).category
    w.add(sender, {
      type: 'track',
      event: 'Product List Viewed',
      properties: { list_id: category.toLowerCase(), category },
      context: webContext(`/category/${category.toLowerCase()}`, category, { phone }),
    })
  }
  if (w.random.chance(0.25)) {
    w.step()
    const query = w.random.pick(SEARCHES)
    w.add(sender, {
      type: 'track',
      event: 'Products Searched',
      properties: { query },
      context: webContext(`/search?q=${encodeURIComponent(query)}`, 'Search', { phone }),
    })
  }
  const views = w.random.int(1, 4)
  for (let i = 0; i < views; i += 1) {
    w.step()
    const product = w.random.pick(DEMO_PRODUCTS)
    const path = `/products/${product.product_id}`
    w.add(sender, {
      type: 'page',
      name: product.name,
      category: 'Product',
      properties: { path, title: product.name },
      context: webContext(path, product.name, { phone }),
    } as never)
    w.add(sender, {
      type: 'track',
      event: 'Product Viewed',
      properties: productProperties(product, { position: i + 1 }),
      context: webContext(path, product.name, { phone }),
    })
    if (w.random.chance(options.addChance)) {
      w.step()
      w.add(sender, {
        type: 'track',
        event: 'Product Added',
        properties: productProperties(product, { quantity: 1, cart_id: w.id('cart') }),
        context: webContext(path, product.name, { phone }),
      })
      added.push(product)
    }
  }
  return added
}

/** Sign in (or up) on the web: identify with traits, then `Signed In`. */
export function webSignIn(w: StoryWriter, p: Person, anonymousId: string, signUp: boolean): void {
  w.step()
  const sender = { anonymousId, userId: p.userId }
  const context = webContext('/signin', 'Sign in', {})
  w.add(sender, { type: 'identify', traits: traitsOf(p), context })
  w.add(sender, {
    type: 'track',
    event: signUp ? 'Signed Up' : 'Signed In',
    properties: { method: 'email' },
    context,
  })
}

/** Checkout on the web and the order confirmed by the back end. */
export function webCheckout(
  w: StoryWriter,
  p: Person,
  anonymousId: string,
  cart: DemoProduct[],
  campaign?: DemoCampaign,
): void {
  const items = (cart.length > 0 ? cart : [w.random.pick(DEMO_PRODUCTS)]).map((product) => ({
    product,
    quantity: w.random.chance(0.15) ? 2 : 1,
  }))
  const orderId = w.id('order')
  const sender = { anonymousId, userId: p.userId }
  w.step()
  w.add(sender, {
    type: 'track',
    event: 'Cart Viewed',
    properties: {
      cart_id: w.id('cart'),
      products: items.map((item) => productProperties(item.product, { quantity: item.quantity })),
    },
    context: webContext('/cart', 'Cart', {}),
  })
  w.step()
  const order = orderProperties(
    orderId,
    items,
    campaign ? { coupon: campaign.name === 'spring_sale' ? 'SPRING10' : undefined } : {},
  )
  w.add(sender, {
    type: 'track',
    event: 'Checkout Started',
    properties: { ...order, value: order.total },
    context: webContext('/checkout', 'Checkout', {}),
  })
  w.add(sender, {
    type: 'identify',
    traits: { email: p.email },
    context: webContext('/checkout', 'Checkout', {}),
  })
  w.wait(TIME.MINUTE, 4 * TIME.MINUTE)
  if (w.random.chance(0.5)) {
    w.add(sender, {
      type: 'track',
      event: 'Order Completed',
      properties: order,
      context: webContext('/checkout/complete', 'Thank you', {}),
    })
  } else {
    w.add(
      { userId: p.userId },
      { type: 'track', event: 'Order Completed', properties: order, context: serverContext() },
    )
  }
  w.wait(TIME.MINUTE, 10 * TIME.MINUTE)
  w.add(
    { userId: p.userId },
    {
      type: 'track',
      event: 'Email Delivered',
      properties: {
        email_id: `${orderId}-receipt`,
        email_subject: 'Your order',
        campaign_name: 'order_receipt',
      },
      context: emailContext(),
    },
  )
}

/** A marketing email, maybe opened and clicked; returns the campaign when clicked. */
export function emailCampaign(w: StoryWriter, p: Person): DemoCampaign | undefined {
  const campaign = w.random.chance(0.6)
    ? { name: 'spring_sale', source: 'newsletter', medium: 'email' }
    : { name: 'winback', source: 'newsletter', medium: 'email' }
  const email = {
    email_id: w.id('mail'),
    campaign_name: campaign.name,
    email_subject: campaign.name === 'winback' ? 'We miss you' : 'Spring sale: 10% off',
  }
  w.add(
    { userId: p.userId },
    { type: 'track', event: 'Email Delivered', properties: email, context: emailContext() },
  )
  if (!w.random.chance(0.55)) return undefined
  w.wait(TIME.HOUR, 20 * TIME.HOUR)
  w.add(
    { userId: p.userId },
    { type: 'track', event: 'Email Opened', properties: email, context: emailContext() },
  )
  if (!w.random.chance(0.5)) return undefined
  w.step()
  w.add(
    { userId: p.userId },
    {
      type: 'track',
      event: 'Email Link Clicked',
      properties: { ...email, link_url: 'https://shop.itinera.dev/' },
      context: emailContext(),
    },
  )
  return campaign
}

/** A mobile-app session: opened, screens, maybe an order in the app. */
export function appSession(
  w: StoryWriter,
  p: Person,
  options: { first: boolean; signIn: boolean; buy: boolean },
): void {
  const anonymous = { anonymousId: p.appAnonymousId }
  const context = mobileContext(
    p.deviceId,
    options.first ? { name: 'app_install', source: 'facebook', medium: 'paid_social' } : undefined,
  )
  if (options.first)
    w.add(anonymous, {
      type: 'track',
      event: 'Application Installed',
      properties: { version: '2.3.0', build: '230' },
      context,
    })
  w.add(anonymous, {
    type: 'track',
    event: 'Application Opened',
    properties: { from_background: !options.first },
    context,
  })
  const sender = options.signIn ? { ...anonymous, userId: p.userId } : anonymous
  if (options.signIn) {
    w.step()
    w.add(sender, { type: 'identify', traits: traitsOf(p), context })
    w.add(sender, { type: 'track', event: 'Signed In', properties: { method: 'app' }, context })
  }
  const product = w.random.pick(DEMO_PRODUCTS)
  w.step()
  w.add(sender, {
    type: 'screen',
    name: 'Product',
    properties: { product_id: product.product_id },
    context,
  })
  w.add(sender, {
    type: 'track',
    event: 'Product Viewed',
    properties: productProperties(product),
    context,
  })
  if (options.buy && options.signIn) {
    w.step()
    w.add(sender, {
      type: 'track',
      event: 'Product Added',
      properties: productProperties(product, { quantity: 1 }),
      context,
    })
    w.step()
    const order = orderProperties(w.id('order'), [{ product, quantity: 1 }])
    w.add(sender, {
      type: 'track',
      event: 'Checkout Started',
      properties: { ...order, value: order.total },
      context,
    })
    w.step()
    w.add(sender, { type: 'track', event: 'Order Completed', properties: order, context })
  }
}

/** A purchase at a store's till, linked to the customer by email. */
export function storePurchase(w: StoryWriter, p: Person, known: boolean): void {
  const storeId = w.random.pick(DEMO_STORES)
  const product = w.random.pick(DEMO_PRODUCTS)
  const sender = known ? { userId: p.userId } : { anonymousId: `pos-${p.index + 1}` }
  w.add(sender, {
    type: 'identify',
    traits: { email: p.email, firstName: p.firstName, lastName: p.lastName },
    context: storeContext(storeId),
  })
  w.add(sender, {
    type: 'track',
    event: 'Order Completed',
    properties: orderProperties(w.id('order'), [{ product, quantity: 1 }], {
      store_id: storeId,
      affiliation: storeId,
    }),
    context: storeContext(storeId),
  })
}

/** A review or a share: the advocacy stage. */
export function advocate(w: StoryWriter, p: Person): void {
  const product = w.random.pick(DEMO_PRODUCTS)
  const sender = { userId: p.userId, anonymousId: p.webAnonymousId }
  const context = webContext(`/products/${product.product_id}`, product.name, {})
  if (w.random.chance(0.7)) {
    w.add(sender, {
      type: 'track',
      event: 'Product Reviewed',
      properties: {
        product_id: product.product_id,
        review_id: w.id('review'),
        review_body: 'Does what it promises.',
        rating: w.random.int(4, 5),
      },
      context,
    })
  } else {
    w.add(sender, {
      type: 'track',
      event: 'Product Shared',
      properties: {
        ...productProperties(product),
        share_via: w.random.pick(['email', 'whatsapp', 'link']),
      },
      context,
    })
  }
}

/** The campaign that brings a visitor, if any. */
export const pickCampaign = (w: StoryWriter): DemoCampaign | undefined =>
  w.random.weighted(DEMO_CAMPAIGNS)
