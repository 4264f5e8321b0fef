import type { StoredMessage } from '../storage/types.js'

/**
 * Recently projected profiles' messages, least recently used first out, so a profile touched
 * again does not read its whole timeline back from the log. Bounded by a total message count.
 */
export class MessageCache {
  private readonly entries = new Map<string, StoredMessage[]>()
  private size = 0
  private readonly capacity: number

  /** @param capacity most messages kept across all profiles */
  constructor(capacity: number) {
    this.capacity = capacity
  }

  /** The cached messages of a profile (marking it recently used). */
  get(profileId: string): StoredMessage[] | undefined {
    const found = this.entries.get(profileId)
    if (found) {
      this.entries.delete(profileId)
      this.entries.set(profileId, found)
    }
    return found
  }

  set(profileId: string, messages: StoredMessage[]): void {
    this.delete(profileId)
    if (messages.length > this.capacity / 10) return
    this.entries.set(profileId, messages)
    this.size += messages.length
    for (const [id, evicted] of this.entries) {
      if (this.size <= this.capacity) break
      this.entries.delete(id)
      this.size -= evicted.length
    }
  }

  delete(profileId: string): void {
    const found = this.entries.get(profileId)
    if (!found) return
    this.entries.delete(profileId)
    this.size -= found.length
  }

  clear(): void {
    this.entries.clear()
    this.size = 0
  }
}
