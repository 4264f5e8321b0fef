import { afterEach, beforeEach, vi } from 'vitest'

// Libraries must not write to the console; a test that expects output spies on it itself.
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const
let calls: string[] = []

beforeEach(() => {
  calls = []
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      calls.push(`console.${method}: ${args.map(String).join(' ')}`)
    })
  }
})

afterEach(() => {
  const unexpected = calls
  calls = []
  if (unexpected.length > 0) {
    throw new Error(`unexpected console output:\n${unexpected.join('\n')}`)
  }
})
