// Regenerates snippet.min.js from snippet.js: `node packages/browser/snippet/build-snippet.mjs`.
import { readFileSync, writeFileSync } from 'node:fs'
import { minify } from 'terser'

const dir = new URL('.', import.meta.url)

/** The minified snippet, as committed in snippet.min.js. */
export async function minifySnippet() {
  const source = readFileSync(new URL('snippet.js', dir), 'utf8')
  const { code } = await minify(source, { compress: { passes: 2 }, format: { comments: false } })
  return `${code}\n`
}

if (
  process.argv[1] &&
  new URL(`file://${process.argv[1]}`).href === new URL('build-snippet.mjs', dir).href
) {
  writeFileSync(new URL('snippet.min.js', dir), await minifySnippet())
}
