import { createRandom } from './random.js'
import type { DemoMessage } from './demo-messages.js'
import {
  PERSONAS,
  advocate,
  appSession,
  createPerson,
  emailCampaign,
  pickCampaign,
  storePurchase,
  webBrowse,
  webCheckout,
  webSignIn,
  type Person,
  type DemoPersona,
} from './demo-stories.js'
import { StoryWriter, TIME } from './story-writer.js'

/** Options for {@link generateDemoMessages}. */
export interface GenerateDemoOptions {
  /** How many customers. @default 3000 */
  profiles?: number
  /** Seed of the random sequence: the same seed and `now` give the same messages. @default 1 */
  seed?: number
  /** End of the period the data covers; no message is later. */
  now: Date | number | string
  /** Length of the period in days. @default 60 */
  days?: number
}

/** A generated dataset: messages in time order and how many customers of each kind. */
export interface DemoDataset {
  messages: DemoMessage[]
  profiles: number
  personas: Record<DemoPersona, number>
}

function writeStory(w: StoryWriter, p: Person, persona: DemoPersona): void {
  const web = { anonymousId: p.webAnonymousId }
  const campaign = pickCampaign(w)
  const phone = w.random.chance(0.35)
  switch (persona) {
    case 'bouncer':
      webBrowse(w, web, { campaign, phone, addChance: 0.05 })
      return
    case 'browser': {
      const sessions = w.random.int(1, 3)
      for (let i = 0; i < sessions; i += 1) {
        webBrowse(w, web, { campaign: i === 0 ? campaign : undefined, phone, addChance: 0.3 })
        w.wait(TIME.HOUR, 6 * TIME.DAY)
      }
      if (w.random.chance(0.3)) webSignIn(w, p, p.webAnonymousId, true)
      return
    }
    case 'app':
      appSession(w, p, { first: true, signIn: w.random.chance(0.7), buy: false })
      w.wait(TIME.DAY, 10 * TIME.DAY)
      appSession(w, p, { first: false, signIn: true, buy: w.random.chance(0.6) })
      return
    case 'store':
      storePurchase(w, p, false)
      w.wait(3 * TIME.DAY, 20 * TIME.DAY)
      if (w.random.chance(0.5)) {
        webBrowse(w, web, { campaign: emailCampaign(w, p), addChance: 0.3 })
        webSignIn(w, p, p.webAnonymousId, true)
      }
      return
    default:
      break
  }
  // buyer, repeat and advocate: browse, sign in, buy on the web
  let cart = webBrowse(w, web, { campaign, phone, addChance: 0.6 })
  if (w.random.chance(0.4)) {
    w.wait(2 * TIME.HOUR, 3 * TIME.DAY)
    cart = [...cart, ...webBrowse(w, web, { phone, addChance: 0.7 })]
  }
  webSignIn(w, p, p.webAnonymousId, w.random.chance(0.6))
  webCheckout(w, p, p.webAnonymousId, cart, campaign)
  if (persona === 'buyer') return
  const repeats = w.random.int(1, persona === 'advocate' ? 3 : 2)
  for (let i = 0; i < repeats; i += 1) {
    w.wait(3 * TIME.DAY, 14 * TIME.DAY)
    const channel = w.random.weighted([
      ['web', 5],
      ['app', 3],
      ['store', 2],
    ] as const)
    if (channel === 'store') storePurchase(w, p, true)
    else if (channel === 'app') appSession(w, p, { first: i === 0, signIn: true, buy: true })
    else {
      const clicked = emailCampaign(w, p)
      w.wait(TIME.MINUTE, TIME.HOUR)
      const again = webBrowse(w, web, { campaign: clicked, addChance: 0.8 })
      webSignIn(w, p, p.webAnonymousId, false)
      webCheckout(w, p, p.webAnonymousId, again, clicked)
    }
  }
  if (persona === 'advocate') {
    w.wait(TIME.DAY, 5 * TIME.DAY)
    advocate(w, p)
  }
}

/**
 * Generates a realistic, deterministic dataset of Segment messages: anonymous visits from UTM
 * campaigns, sign-ins, purchases on the web, in the app and in stores, email campaigns, repeat
 * purchases and reviews, across the web, mobile, server, email and pos channels.
 */
export function generateDemoMessages(options: GenerateDemoOptions): DemoDataset {
  const profiles = options.profiles ?? 3000
  const seed = options.seed ?? 1
  const end = new Date(options.now).getTime()
  const span = (options.days ?? 60) * TIME.DAY
  const personas = Object.fromEntries(PERSONAS.map(([name]) => [name, 0])) as Record<
    DemoPersona,
    number
  >
  const messages: DemoMessage[] = []
  for (let index = 0; index < profiles; index += 1) {
    const random = createRandom((seed * 0x9e3779b1 + index * 0x85ebca6b) >>> 0)
    const start = end - span + random.int(0, span - TIME.DAY)
    const w = new StoryWriter(random, `demo${seed}-${String(index + 1).padStart(5, '0')}`, start)
    const persona = random.weighted(PERSONAS)
    personas[persona] += 1
    writeStory(w, createPerson(w, index), persona)
    for (const message of w.messages)
      if (Date.parse(message.timestamp) <= end) messages.push(message)
  }
  messages.sort(
    (a, b) => a.timestamp.localeCompare(b.timestamp) || a.messageId.localeCompare(b.messageId),
  )
  return { messages, profiles, personas }
}
