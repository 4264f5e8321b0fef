import * as libphonenumber from 'libphonenumber-js/core'
import type { CountryCode, MetadataJson } from 'libphonenumber-js/core'
import metadata from 'libphonenumber-js/min/metadata'

// Where several countries share a calling code (+1: the US, Canada and 23 others), parsing
// finds the number's exact country by testing it against every country's number patterns, which
// made a +1 number cost about 31 µs to parse against 4 µs for a single-country code
// (bench/identity). The country found only decides which possible lengths the number is checked
// against, once when a national prefix may be stripped and once at the end; the digits and the
// prefix rules come from the main (or default) country either way. So the number is parsed once
// per distinct set of possible lengths among the code's countries, each time with metadata that
// lists the main country alone, carrying that set's lengths. When every parse keeps the same
// digits and reaches the same verdict, no country could have changed either check; otherwise
// the full parse decides. `phone.test.ts` checks the outcome against the full parse.

/** The part of the library's metadata class this module reads (exported, untyped). */
interface NumberingPlans {
  selectNumberingPlan(country: string): void
  numberingPlan: { possibleLengths(): readonly number[] | undefined }
}
type MetadataClass = new (json: MetadataJson) => NumberingPlans

interface MetadataTables {
  country_calling_codes: Record<string, string[]>
  countries: Record<string, unknown[]>
}
const tables = metadata as unknown as MetadataTables
/** The metadata as it is: for single-country codes and numbers without a known code. */
const fullOnly: readonly MetadataJson[] = [metadata]

/** Per calling code, the metadata to parse with: one per distinct set of possible lengths. */
const variantsByCode = /* @__PURE__ */ new Map<string, readonly MetadataJson[]>()

function variantsOf(callingCode: string): readonly MetadataJson[] {
  let variants = variantsByCode.get(callingCode)
  if (variants === undefined) {
    variants = buildVariants(callingCode)
    variantsByCode.set(callingCode, variants)
  }
  return variants
}

function buildVariants(callingCode: string): readonly MetadataJson[] {
  const countries = tables.country_calling_codes[callingCode]
  if (countries === undefined || countries.length < 2) return fullOnly
  const { Metadata } = libphonenumber as unknown as { Metadata: MetadataClass }
  const plans = new Metadata(metadata)
  const lengthsOf = (country: string) => {
    plans.selectNumberingPlan(country)
    return plans.numberingPlan.possibleLengths()
  }
  const main = countries[0]!
  const mainPlan = tables.countries[main]
  const mainLengths = lengthsOf(main)
  // The slot of the main country's possible lengths in its metadata row, found by identity.
  const slot = mainPlan?.indexOf(mainLengths) ?? -1
  if (mainLengths === undefined || slot < 0) return fullOnly
  const lengthSets = new Map<string, readonly number[]>()
  for (const country of countries) {
    const lengths = lengthsOf(country)
    if (lengths === undefined) return fullOnly
    lengthSets.set(lengths.join(','), lengths)
  }
  return [...lengthSets.values()].map((lengths) => {
    const plan = [...mainPlan!]
    plan[slot] = lengths
    return {
      ...tables,
      country_calling_codes: { ...tables.country_calling_codes, [callingCode]: [main] },
      countries: { ...tables.countries, [main]: plan },
    } as unknown as MetadataJson
  })
}

/**
 * The calling code `raw` starts with after its `+` (codes are prefix-free), or the default
 * country's for a national number; undefined when neither applies.
 */
function callingCodeOf(raw: string, defaultCountry: string | undefined): string | undefined {
  if (raw.charCodeAt(0) !== 43 /* + */) {
    const country = defaultCountry as CountryCode | undefined
    return country !== undefined && libphonenumber.isSupportedCountry(country, metadata)
      ? libphonenumber.getCountryCallingCode(country, metadata)
      : undefined
  }
  for (let digits = 1; digits <= 3; digits++) {
    const code = raw.slice(1, 1 + digits)
    if (tables.country_calling_codes[code] !== undefined) return code
  }
  return undefined
}

type Parsed = ReturnType<typeof libphonenumber.parsePhoneNumberFromString>

function parseWith(raw: string, defaultCountry: string | undefined, json: MetadataJson): Parsed {
  return defaultCountry === undefined
    ? libphonenumber.parsePhoneNumberFromString(raw, json)
    : libphonenumber.parsePhoneNumberFromString(raw, defaultCountry as CountryCode, json)
}

/** Same digits kept and same verdict: the country's lengths made no difference. */
const sameOutcome = (a: Parsed, b: Parsed): boolean =>
  a === undefined
    ? b === undefined
    : b !== undefined && a.nationalNumber === b.nationalNumber && a.isPossible() === b.isPossible()

/** E.164 form of `raw`, or null when it cannot be a phone number (libphonenumber-js, min data). */
export function parsePhone(raw: string, defaultCountry: string | undefined): string | null {
  const code = callingCodeOf(raw, defaultCountry)
  const variants = code === undefined ? fullOnly : variantsOf(code)
  let parsed = parseWith(raw, defaultCountry, variants[0]!)
  for (let i = 1; i < variants.length; i++) {
    if (!sameOutcome(parsed, parseWith(raw, defaultCountry, variants[i]!))) {
      parsed = parseWith(raw, defaultCountry, metadata)
      break
    }
  }
  return parsed?.isPossible() ? parsed.number : null
}
