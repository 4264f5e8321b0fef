import type { Random } from './random.js'
import type { DemoMessage, Sender } from './demo-messages.js'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Durations used by the stories, in milliseconds. */
export const TIME = { SECOND, MINUTE, HOUR, DAY }

/**
 * Writes one customer's messages in time order: a clock that only moves forward and ids derived
 * from the seed and the profile's index, so the same inputs always give the same messages.
 */
export class StoryWriter {
  readonly messages: DemoMessage[] = []
  private clock: number
  private count = 0

  constructor(
    readonly random: Random,
    private readonly idPrefix: string,
    start: number,
  ) {
    this.clock = start
  }

  /** Moves the clock by a random amount within [min, max] milliseconds. */
  wait(min: number, max: number): void {
    this.clock += this.random.int(min, max)
  }

  /** A short pause between two actions in one session (15 s to 3 min). */
  step(): void {
    this.wait(15 * SECOND, 3 * MINUTE)
  }

  /** An id unique in the dataset, e.g. for orders: `<prefix>-<label><n>`. */
  id(label: string): string {
    return `${this.idPrefix}-${label}${this.count + 1}`
  }

  get now(): number {
    return this.clock
  }

  /** Appends a message at the current clock time. */
  add(
    sender: Sender,
    message: Omit<DemoMessage, 'messageId' | 'timestamp' | 'anonymousId' | 'userId'>,
  ): void {
    this.count += 1
    this.messages.push({
      messageId: `${this.idPrefix}-${String(this.count).padStart(3, '0')}`,
      timestamp: new Date(this.clock).toISOString(),
      ...(sender.anonymousId ? { anonymousId: sender.anonymousId } : {}),
      ...(sender.userId ? { userId: sender.userId } : {}),
      ...message,
    })
  }
}
