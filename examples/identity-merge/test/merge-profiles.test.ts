import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { formatProfiles, mergeNdjson } from '../src/merge-profiles.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const sample = readFileSync(`${root}/data/sample.ndjson`, 'utf8')
const values = (profile: { identifiers: { type: string; value: string }[] } | undefined) =>
  profile?.identifiers.map((i) => `${i.type}:${i.value}`)

describe('mergeNdjson', () => {
  it('stitches web, app and point-of-sale activity into one profile for Ann', () => {
    const { profiles } = mergeNdjson(sample, { phone: { defaultCountry: 'US' } })
    const ann = profiles.find((p) => values(p)?.includes('user_id:ann-42'))
    expect(ann?.messageIds).toEqual(['w1', 'w2', 'a1', 'a2', 'p1', 'p2'])
    expect(values(ann)).toContain('phone:+14155552671')
  })

  it('leaves the point-of-sale purchase alone without a default country', () => {
    const { profiles } = mergeNdjson(sample)
    const pos = profiles.find((p) => p.messageIds.includes('p1'))
    expect(pos?.messageIds).toEqual(['p1'])
  })

  it('keeps the family apart and links nothing through junk values', () => {
    const { profiles } = mergeNdjson(sample, { phone: { defaultCountry: 'US' } })
    for (const user of ['bob-7', 'cy-9', 'dee-3']) {
      const profile = profiles.find((p) => values(p)?.includes(`user_id:${user}`))
      expect(profile?.identifiers.filter((i) => i.type === 'user_id')).toHaveLength(1)
    }
    expect(profiles.find((p) => p.messageIds.includes('f4'))?.messageIds).toEqual(['f4'])
    expect(profiles.find((p) => p.messageIds.includes('j1'))?.messageIds).toEqual(['j1'])
    expect(profiles.flatMap((p) => p.identifiers).map((i) => i.value)).not.toContain(
      'test@test.com',
    )
    expect(profiles).toHaveLength(7)
  })

  it('drops the retried duplicate and reports the invalid line', () => {
    const result = mergeNdjson(sample)
    expect(result.profiles.flatMap((p) => p.messageIds).filter((id) => id === 'w2')).toHaveLength(1)
    expect(result.rejected).toEqual([
      { line: 14, reason: 'userId: a message needs a userId or an anonymousId' },
    ])
    expect(mergeNdjson('{oops\n').rejected).toEqual([{ line: 1, reason: 'not JSON' }])
  })

  it('prints one block per profile from the command line', () => {
    const output = execFileSync(
      process.execPath,
      [
        '--conditions=@itinera/source',
        '--import',
        'tsx',
        'src/main.ts',
        'data/sample.ndjson',
        '--country',
        'US',
      ],
      { cwd: root, encoding: 'utf8' },
    )
    expect(output).toBe(formatProfiles(mergeNdjson(sample, { phone: { defaultCountry: 'US' } })))
    expect(output).toMatch(/^prof_[0-9a-z]{11} {2}\(6 messages: w1, w2, a1, a2, p1, p2\)$/m)
    expect(output.trim().endsWith('7 profiles')).toBe(true)
  })
})
