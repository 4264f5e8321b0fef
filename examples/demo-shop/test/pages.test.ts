import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const publicDir = fileURLToPath(new URL('../public/', import.meta.url))
const snippet = readFileSync(
  fileURLToPath(new URL('../../../packages/browser/snippet/snippet.min.js', import.meta.url)),
  'utf8',
)
// The snippet's code up to its configuration object, which each site fills in.
const snippetCode = snippet.slice(0, snippet.indexOf('(window,document,{'))
const pages = readdirSync(publicDir).filter((file) => file.endsWith('.html'))

describe('demo shop pages', () => {
  it('has the landing, product, cart, checkout and sign-in pages', () => {
    expect(pages.sort()).toEqual([
      'cart.html',
      'checkout.html',
      'index.html',
      'product.html',
      'signin.html',
    ])
  })

  it.each(pages)('%s embeds the browser package’s inline snippet unchanged', (page) => {
    const html = readFileSync(`${publicDir}${page}`, 'utf8')
    expect(snippetCode.length).toBeGreaterThan(100)
    expect(html).toContain(snippetCode)
    expect(html).toContain('src:window.ITINERA_DEMO.host+"/sdk/itinera.min.js"')
  })

  it.each(pages)('%s labels its language, viewport and main landmark', (page) => {
    const html = readFileSync(`${publicDir}${page}`, 'utf8')
    expect(html).toMatch(/<html lang="en">/)
    expect(html).toContain('name="viewport"')
    expect(html).toContain('<main id="main"')
    expect(html).toContain('class="skip-link" href="#main"')
  })
})
