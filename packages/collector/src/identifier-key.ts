/** The `type:value` key an identifier is looked up by in sets and maps. */
export const identifierKey = (ref: { type: string; value: string }): string =>
  `${ref.type}:${ref.value}`
