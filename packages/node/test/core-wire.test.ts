// The SDK imports only @itinera/core/wire at load time: that part of core must not load zod,
// libphonenumber-js or the engines (the full validator is imported when a call first needs it).
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/** Packages the modules reachable from `entry` load at run time (type-only imports skipped). */
function runtimePackages(entry: string): Set<string> {
  const packages = new Set<string>()
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const source = readFileSync(file, 'utf8')
    // The clause between the keyword and `from` holds only names, braces, commas and `*`.
    const statements = source.matchAll(
      /^(import|export)\s+(type\s+)?[\w\s{},*$]*?from\s+'([^']+)'/gm,
    )
    for (const [, , typeOnly, specifier] of statements) {
      if (typeOnly || !specifier) continue
      if (specifier.startsWith('.'))
        visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')))
      else packages.add(specifier)
    }
  }
  visit(entry)
  return packages
}

const core = (path: string) => fileURLToPath(new URL(`../../core/src/${path}`, import.meta.url))
const node = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url))

describe('what the SDK loads with it', () => {
  it('core/wire loads no package, core/validation only zod; the root loads libphonenumber-js too', () => {
    expect([...runtimePackages(core('wire.ts'))]).toEqual([])
    expect([...runtimePackages(core('validation.ts'))]).toEqual(['zod'])
    expect(runtimePackages(core('index.ts'))).toEqual(
      new Set(['zod', 'libphonenumber-js/core', 'libphonenumber-js/min/metadata']),
    )
  })

  it('the SDK itself loads only Node built-ins and core/wire', () => {
    const loaded = [...runtimePackages(node('index.ts'))]
    expect(loaded.filter((name) => !name.startsWith('node:'))).toEqual(['@itinera/core/wire'])
  })
})
