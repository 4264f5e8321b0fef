// Seeded synthetic CDP event stream with ground truth, for bench/identity.
import type { Message } from '@itinera/core'
import { createRandom } from '../lib/random.js'

/** A generated dataset: messages in arrival order; each message id encodes its ground truth. */
export interface IdentityDataset {
  messages: Message[]
  people: number
}

/**
 * The true person of a generated message id, and whether it was sent by a known (logged-in)
 * user. Ids look like `<random>-<sequence>-<person>k` (k: known, a: anonymous), so no lookup
 * table has to stay on the heap while engines run.
 */
export function truthOf(messageId: string): { person: number; known: boolean } {
  const dash = messageId.lastIndexOf('-')
  return {
    person: parseInt(messageId.slice(dash + 1, -1), 36),
    known: messageId.endsWith('k'),
  }
}

interface Device {
  anonymousId: string
  deviceId: string | undefined
  mobile: boolean
  /** Other people who also use this device (shared family laptop). */
  sharedWith: number[]
  loggedIn: boolean
}

interface Person {
  index: number
  userId: string | undefined
  emails: string[]
  phone: string | undefined
  devices: Device[]
}

const JUNK_USER_IDS = ['null', 'undefined', '0', 'anonymous', '-1']
const JUNK_EMAILS = ['test@test.com', 'none@none.com', 'a@a.com']
const START = Date.UTC(2024, 0, 1)
const SPAN = 90 * 24 * 3600 * 1000

/**
 * Generates about `messages` messages from `messages / 5` people: several devices each
 * (web cookies, mobile apps with device ids), logins, guest checkouts, email changes, shared
 * family devices, junk values, POS purchases identified by phone, 3% retries (same messageId)
 * and late mobile arrivals (offline apps flushing hours later).
 */
export function generateIdentityDataset(
  messages: number,
  seed = 42,
  /** The area code of everyone's phone number (US numbers), so two streams can share none. */
  areaCode = '415',
): IdentityDataset {
  const rand = createRandom(seed)
  const int = (n: number) => Math.floor(rand() * n)
  const hex = () => int(0xffffffff).toString(16).padStart(8, '0')
  const uuid = () =>
    `${hex()}-${hex().slice(0, 4)}-4${hex().slice(0, 3)}-a${hex().slice(0, 3)}-${hex()}${hex().slice(0, 4)}`
  const peopleCount = Math.max(1, Math.round(messages / 5))
  const people: Person[] = []
  for (let i = 0; i < peopleCount; i++) {
    const registered = rand() < 0.65
    const hasEmail = registered || rand() < 0.4
    const emails = hasEmail ? [`person${i}.${hex().slice(0, 4)}@mail${i % 50}.com`] : []
    if (registered && rand() < 0.1) emails.push(`p${i}.new@work${i % 30}.io`)
    const phone = rand() < 0.3 ? `+1${areaCode}${String(1000000 + i).slice(-7)}` : undefined
    const devices: Device[] = []
    const count = 1 + int(3)
    for (let d = 0; d < count; d++) {
      const mobile = rand() < 0.4
      devices.push({
        anonymousId: uuid(),
        deviceId: mobile ? uuid().toUpperCase() : undefined,
        mobile,
        sharedWith: [],
        loggedIn: false,
      })
    }
    people.push({ index: i, userId: registered ? `user_${i}` : undefined, emails, phone, devices })
  }
  // 2% of people share their first web device with one or two other people.
  for (let i = 0; i < peopleCount * 0.02; i++) {
    const owner = people[int(peopleCount)]!
    const device = owner.devices[0]!
    for (let k = 0; k < 1 + int(2); k++) {
      const other = people[int(peopleCount)]!
      if (other !== owner) {
        device.sharedWith.push(other.index)
        other.devices.push(device)
      }
    }
  }

  const raw: { message: Message; person: number; time: number; arrival: number }[] = []
  let sequence = 0
  const iso = (time: number) => new Date(time).toISOString()
  const emit = (person: Person, time: number, body: Record<string, unknown>, late: boolean) => {
    const userId = body.userId as string | undefined
    const known = userId !== undefined && !JUNK_USER_IDS.includes(userId)
    const messageId = `${hex()}-${(sequence++).toString(36)}-${person.index.toString(36)}${known ? 'k' : 'a'}`
    const message = { messageId, timestamp: iso(time), ...body } as unknown as Message
    const arrival = late ? time + (2 + rand() * 70) * 3600 * 1000 : time + rand() * 2000
    raw.push({ message, person: person.index, time, arrival })
  }

  while (raw.length < messages) {
    const person = people[int(peopleCount)]!
    const device = person.devices[int(person.devices.length)]!
    const time = START + Math.floor(rand() * SPAN)
    const late = device.mobile && rand() < 0.15
    const context: Record<string, unknown> = {}
    if (device.deviceId) context.device = { id: device.deviceId, type: 'ios' }
    const roll = rand()
    if (roll < 0.04 && person.phone) {
      // A point-of-sale purchase: only the phone number and a receipt id.
      emit(
        person,
        time,
        {
          type: 'track',
          event: 'Order Completed',
          userId: undefined,
          anonymousId: `pos-${hex()}`,
          context: {
            traits: { phone: person.phone },
            externalIds: [{ id: `r-${hex()}`, type: 'receipt_id' }],
          },
        },
        false,
      )
      continue
    }
    const junk = rand() < 0.01
    const email = person.emails[person.emails.length > 1 && rand() < 0.5 ? 1 : 0]
    if (roll < 0.2 && person.userId) {
      // A login: identify with userId and email on this device.
      emit(
        person,
        time,
        {
          type: 'identify',
          userId: junk ? JUNK_USER_IDS[int(JUNK_USER_IDS.length)] : person.userId,
          anonymousId: device.anonymousId,
          traits: { email: junk ? JUNK_EMAILS[int(JUNK_EMAILS.length)] : email },
          context,
        },
        late,
      )
      continue
    }
    if (roll < 0.27 && !person.userId && email) {
      // A guest checkout: email typed at checkout, no account.
      emit(
        person,
        time,
        {
          type: 'track',
          event: 'Order Completed',
          anonymousId: device.anonymousId,
          context: {
            ...context,
            traits: { email: junk ? JUNK_EMAILS[int(JUNK_EMAILS.length)] : email.toUpperCase() },
          },
        },
        late,
      )
      continue
    }
    // Ordinary activity: logged in 50% of the time when registered, else anonymous.
    const loggedIn = person.userId !== undefined && rand() < 0.5
    emit(
      person,
      time,
      {
        type: rand() < 0.5 ? 'page' : 'track',
        event: 'Product Viewed',
        ...(loggedIn && { userId: person.userId }),
        anonymousId: device.anonymousId,
        context,
      },
      late,
    )
  }
  // 3% retries: the same message (same messageId) delivered again shortly after.
  const retries = Math.round(raw.length * 0.03)
  for (let i = 0; i < retries; i++) {
    const original = raw[int(raw.length)]!
    raw.push({ ...original, arrival: original.arrival + rand() * 60_000 })
  }
  raw.sort((a, b) => a.arrival - b.arrival)
  return { messages: raw.map((r) => r.message), people: peopleCount }
}
