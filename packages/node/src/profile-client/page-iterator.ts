import type { ProfileApiPage } from '@itinera/core/wire'

/** Fetches the page after `cursor` (`undefined` for the first page). */
export type FetchPage<T> = (cursor: string | undefined) => Promise<ProfileApiPage<T>>

/**
 * A paginated list, fetched lazily one page at a time. Iterate it for items, or call `pages()`
 * for whole pages (with their `next` cursor, to resume later).
 *
 * @example
 * for await (const event of profiles.events('email:ana@example.com')) console.log(event.event)
 */
export class PageIterator<T> implements AsyncIterable<T> {
  readonly #fetchPage: FetchPage<T>
  readonly #cursor: string | undefined

  constructor(fetchPage: FetchPage<T>, cursor?: string) {
    this.#fetchPage = fetchPage
    this.#cursor = cursor
  }

  /** Yields each page in order until the server returns `next: null`. */
  async *pages(): AsyncGenerator<ProfileApiPage<T>, void, undefined> {
    let cursor = this.#cursor
    for (;;) {
      const page = await this.#fetchPage(cursor)
      yield page
      if (page.next === null || page.next === undefined) return
      cursor = page.next
    }
  }

  /** Yields each item of every page. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.data
  }

  /** Reads every remaining item into an array (mind the size of big exports). */
  async toArray(): Promise<T[]> {
    const items: T[] = []
    for await (const item of this) items.push(item)
    return items
  }
}
