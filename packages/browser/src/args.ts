import type { CallOptions, Callback, JsonObject } from './types'

/** Optional options and callback, in either order of presence, as analytics.js accepts them. */
export interface Trailing {
  options: CallOptions
  callback: Callback | undefined
}

const isFn = (v: unknown): v is Callback => typeof v === 'function'

/** True for a plain object (not an array, not null). */
export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Picks the options object and the callback out of the trailing arguments. */
export function trailing(...rest: unknown[]): Trailing {
  const callback = rest.find(isFn)
  const options = rest.find(isObject) as CallOptions | undefined
  return { options: options ?? {}, callback }
}

/** Resolves `page()` arguments: `(category?, name?, properties?, options?, callback?)`. */
export function pageArgs(args: unknown[]): {
  category?: string
  name?: string
  properties: JsonObject
} & Trailing {
  const strings: string[] = []
  let i = 0
  while (i < args.length && (typeof args[i] === 'string' || args[i] == null) && i < 2) {
    if (typeof args[i] === 'string') strings.push(args[i] as string)
    i++
  }
  const [category, name] = strings.length === 2 ? strings : [undefined, strings[0]]
  const rest = args.slice(i)
  const properties = isObject(rest[0]) ? rest.shift() : {}
  return { category, name, properties: properties as JsonObject, ...trailing(...rest) }
}
