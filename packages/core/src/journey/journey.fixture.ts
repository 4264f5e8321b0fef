import type { Message } from '../spec/index.js'

/** ISO time of day `day` of January 2024 at `time` (UTC), for readable test timelines. */
export const at = (day: number, time = '00:00'): string =>
  new Date(Date.parse(`2024-01-01T${time}:00.000Z`) + (day - 1) * 86_400_000).toISOString()

const base = (id: string, when: string, extra: Record<string, unknown>) =>
  ({ messageId: id, userId: 'u1', timestamp: when, ...extra }) as Record<string, unknown>

/** A `track` message for tests. */
export const track = (
  id: string,
  when: string,
  event: string,
  extra: Record<string, unknown> = {},
): Message => ({ ...base(id, when, extra), type: 'track', event }) as Message

/** An `identify` message for tests. */
export const identify = (
  id: string,
  when: string,
  traits: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Message => ({ ...base(id, when, extra), type: 'identify', traits }) as Message

/** A `page` message for tests. */
export const page = (
  id: string,
  when: string,
  name: string,
  extra: Record<string, unknown> = {},
): Message => ({ ...base(id, when, extra), type: 'page', name }) as Message

/** A `group` message for tests. */
export const group = (
  id: string,
  when: string,
  groupId: string,
  traits: Record<string, unknown>,
): Message => ({ ...base(id, when, {}), type: 'group', groupId, traits }) as Message
