const BOTS =
  /bot|crawl|spider|slurp|headless|lighthouse|phantomjs|puppeteer|playwright|selenium|prerender|facebookexternalhit|bingpreview|embedly|whatsapp|mediapartners/i

/** True when the user agent looks like a crawler or a headless browser. */
export function isBot(userAgent: string): boolean {
  return BOTS.test(userAgent)
}
