import fc from 'fast-check'
import {
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/min'
import type { CountryCode } from 'libphonenumber-js/min'
import { describe, expect, it } from 'vitest'
import { parsePhone } from './phone.js'

/** What the library answers with its full country detection. */
function fullParse(raw: string, defaultCountry?: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry)
  return parsed?.isPossible() ? parsed.number : null
}

const countries = getCountries()
const callingCodes = [...new Set(countries.map((country) => getCountryCallingCode(country)))]
// Codes shared by countries whose possible lengths differ, where the checks can disagree.
const sharedCodes = ['1', '44', '61', '290', '599', '7', '47', '262', '212']
const digits = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max })
    .map((d) => d.join(''))
const separator = fc.constantFrom('', '', '', ' ', '-', '.', ' (', ') ')

describe('parsePhone', () => {
  it('gives E.164 for international and national numbers', () => {
    expect(parsePhone('+1 (415) 555-2671', undefined)).toBe('+14155552671')
    expect(parsePhone('415-555-2671', 'US')).toBe('+14155552671')
    expect(parsePhone('(604) 555-0123', 'CA')).toBe('+16045550123')
    expect(parsePhone('020 7946 0018', 'GB')).toBe('+442079460018')
    expect(parsePhone('+44 20 7946 0018', undefined)).toBe('+442079460018')
    expect(parsePhone('12345', undefined)).toBeNull()
    expect(parsePhone('not a phone', 'US')).toBeNull()
  })

  it('answers as the full parse for numbers under shared calling codes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sharedCodes),
        fc.constantFrom('', '0', '1', '00', '11'),
        digits(0, 14),
        separator,
        (code, prefix, rest, sep) => {
          const raw = `+${code}${sep}${prefix}${rest}`
          expect(parsePhone(raw, undefined)).toBe(fullParse(raw))
        },
      ),
      { numRuns: 4000 },
    )
  })

  it('answers as the full parse for national numbers with any default country', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...countries),
        fc.constantFrom('', '0', '1', '8'),
        digits(1, 13),
        separator,
        (country, prefix, rest, sep) => {
          const raw = `${prefix}${sep}${rest}`
          expect(parsePhone(raw, country)).toBe(fullParse(raw, country))
        },
      ),
      { numRuns: 4000 },
    )
  })

  it('answers as the full parse for every calling code', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...callingCodes),
        digits(0, 15),
        fc.option(fc.constantFrom(...countries), { nil: undefined }),
        (code, rest, defaultCountry) => {
          const raw = `+${code}${rest}`
          expect(parsePhone(raw, defaultCountry)).toBe(fullParse(raw, defaultCountry))
        },
      ),
      { numRuns: 4000 },
    )
  })

  it('answers as the full parse on +1 numbers of every length, national prefix or not', () => {
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
    for (let length = 1; length <= 13; length++) {
      for (let i = 0; i < 200; i++) {
        let rest = ''
        while (rest.length < length) rest += String(next() % 10)
        for (const raw of [`+1${rest}`, `+11${rest}`, rest, `1${rest}`]) {
          expect(parsePhone(raw, 'US')).toBe(fullParse(raw, 'US'))
          expect(parsePhone(raw, 'CA')).toBe(fullParse(raw, 'CA'))
        }
      }
    }
  })
})
