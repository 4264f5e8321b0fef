import { z } from 'zod'
import { ConfigError } from '../errors.js'
import type { ValidationIssue } from '../errors.js'

/** How values of an identifier type are normalized before they are compared. */
export type NormalizeMode = 'trim' | 'lowercase' | 'email' | 'phone' | 'none'

/** Per-type settings. Every field is optional; built-in types have defaults. */
export interface IdentifierTypeOptions {
  /** Most distinct values of this type one profile may hold. @default 1 for user_id, 10 for anonymous_id, 5 otherwise */
  limit?: number
  /** Lower numbers win when a limit would be exceeded. @default user_id 1, email 2, phone 3, device_id 4, anonymous_id 5, custom types 10 */
  priority?: number
  /** @default 'email' for email, 'phone' for phone, 'trim' otherwise */
  normalize?: NormalizeMode
  /** Extra values that never link (compared case-insensitively after normalization). @default [] */
  blocked?: string[]
  /** Regular expressions (strings or RegExp); a matching normalized value never links. @default [] */
  blockedPatterns?: (string | RegExp)[]
}

/** Options of {@link resolveIdentities} and {@link IdentityGraph}. */
export interface IdentityOptions {
  /** Settings per identifier type, built-in or custom. @default {} */
  types?: Record<string, IdentifierTypeOptions>
  /** Values blocked for every type, added to the built-in list. @default [] */
  blocked?: string[]
  /** Email canonicalization. @default { canonicalize: 'none' } */
  email?: {
    /** `'provider'` also drops dots and `+tags` for gmail.com / googlemail.com. @default 'none' */
    canonicalize?: 'none' | 'provider'
  }
  /** Phone normalization. @default {} */
  phone?: {
    /** ISO 3166 country for numbers written without `+`, e.g. `'US'`; without it they are rejected. @default undefined */
    defaultCountry?: string
  }
  /** A profile holds at most this many identifiers. @default 1000 */
  maxIdentifiers?: number
  /** A profile absorbs at most this many merges. @default 100 */
  maxMerges?: number
  /**
   * After this many refused links, counted once per change of the conflicting higher-priority
   * identifier, a value is marked shared and stops linking. @default 2
   */
  sharedAfter?: number
  /** Values longer than this never link. @default 1024 */
  maxValueLength?: number
}

// Per-type counts live in 16-bit cells (bench/identity: bytes per identifier).
const positiveInt = z.number().int().min(1).max(65_535)
const typeNamePattern = /^[a-z][a-z0-9_.:-]*$/
const pattern = z.union([z.string(), z.instanceof(RegExp)]).refine(
  (value) => {
    if (value instanceof RegExp) return true
    try {
      new RegExp(value)
      return true
    } catch {
      return false
    }
  },
  { error: 'must be a valid regular expression' },
)
const typeOptionsSchema = z.strictObject({
  limit: positiveInt.optional(),
  priority: z.number().int().min(0).optional(),
  normalize: z.enum(['trim', 'lowercase', 'email', 'phone', 'none']).optional(),
  blocked: z.array(z.string()).optional(),
  blockedPatterns: z.array(pattern).optional(),
})
const optionsSchema = z.strictObject({
  types: z
    .record(z.string(), typeOptionsSchema)
    .superRefine((types, ctx) => {
      for (const name of Object.keys(types)) {
        if (typeNamePattern.test(name)) continue
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'type names are lower-case letters, digits and _ . : -',
        })
      }
    })
    .optional(),
  blocked: z.array(z.string()).optional(),
  email: z.strictObject({ canonicalize: z.enum(['none', 'provider']).optional() }).optional(),
  phone: z
    .strictObject({
      defaultCountry: z
        .string()
        .regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166 alpha-2 code such as US' })
        .optional(),
    })
    .optional(),
  maxIdentifiers: positiveInt.optional(),
  maxMerges: z.number().int().min(0).max(65_535).optional(),
  sharedAfter: z.number().int().min(1).max(255).optional(),
  maxValueLength: positiveInt.optional(),
})

/** Settings of one type after defaults are applied. */
export interface ResolvedTypeOptions {
  limit: number
  priority: number
  normalize: NormalizeMode
  blocked: Set<string>
  blockedPatterns: RegExp[]
}

/** Options after validation and defaults. */
export interface ResolvedIdentityOptions {
  types: Map<string, ResolvedTypeOptions>
  blocked: Set<string>
  canonicalizeEmail: boolean
  defaultCountry: string | undefined
  maxIdentifiers: number
  maxMerges: number
  sharedAfter: number
  maxValueLength: number
}

/** Default limit and priority per built-in type, modelled on Segment Unify (see docs/identity.md). */
export const DEFAULT_IDENTIFIER_TYPES: Readonly<
  Record<string, { limit: number; priority: number; normalize: NormalizeMode }>
> = {
  user_id: { limit: 1, priority: 1, normalize: 'trim' },
  email: { limit: 5, priority: 2, normalize: 'email' },
  phone: { limit: 5, priority: 3, normalize: 'phone' },
  device_id: { limit: 5, priority: 4, normalize: 'trim' },
  anonymous_id: { limit: 10, priority: 5, normalize: 'trim' },
}

/** Limit and priority of a type that is neither built in nor configured. */
export const DEFAULT_CUSTOM_TYPE = { limit: 5, priority: 10, normalize: 'trim' } as const

/** Default safety caps, Segment Unify's product limits. */
export const DEFAULT_IDENTITY_CAPS = {
  maxIdentifiers: 1000,
  maxMerges: 100,
  sharedAfter: 2,
  maxValueLength: 1024,
} as const

const toRegExp = (value: string | RegExp) => (value instanceof RegExp ? value : new RegExp(value))

/** Validates options and applies defaults; throws {@link ConfigError} naming each bad field. */
export function resolveIdentityOptions(options: IdentityOptions = {}): ResolvedIdentityOptions {
  const parsed = optionsSchema.safeParse(options)
  if (!parsed.success) {
    const issues: ValidationIssue[] = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }))
    throw new ConfigError(
      `invalid identity options: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
      issues,
    )
  }
  const input = parsed.data
  const types = new Map<string, ResolvedTypeOptions>()
  const names = new Set([
    ...Object.keys(DEFAULT_IDENTIFIER_TYPES),
    ...Object.keys(input.types ?? {}),
  ])
  for (const name of names) {
    const base = DEFAULT_IDENTIFIER_TYPES[name] ?? DEFAULT_CUSTOM_TYPE
    const own = input.types?.[name] ?? {}
    types.set(name, {
      limit: own.limit ?? base.limit,
      priority: own.priority ?? base.priority,
      normalize: own.normalize ?? base.normalize,
      blocked: new Set((own.blocked ?? []).map((value) => value.toLowerCase())),
      blockedPatterns: (own.blockedPatterns ?? []).map(toRegExp),
    })
  }
  return {
    types,
    blocked: new Set((input.blocked ?? []).map((value) => value.toLowerCase())),
    canonicalizeEmail: input.email?.canonicalize === 'provider',
    defaultCountry: input.phone?.defaultCountry,
    maxIdentifiers: input.maxIdentifiers ?? DEFAULT_IDENTITY_CAPS.maxIdentifiers,
    maxMerges: input.maxMerges ?? DEFAULT_IDENTITY_CAPS.maxMerges,
    sharedAfter: input.sharedAfter ?? DEFAULT_IDENTITY_CAPS.sharedAfter,
    maxValueLength: input.maxValueLength ?? DEFAULT_IDENTITY_CAPS.maxValueLength,
  }
}

/** Settings for `type`, falling back to the custom-type defaults. */
export function typeOptions(options: ResolvedIdentityOptions, type: string): ResolvedTypeOptions {
  const known = options.types.get(type)
  if (known) return known
  const created: ResolvedTypeOptions = {
    ...DEFAULT_CUSTOM_TYPE,
    blocked: new Set(),
    blockedPatterns: [],
  }
  options.types.set(type, created)
  return created
}
