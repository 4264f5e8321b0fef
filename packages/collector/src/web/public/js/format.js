// Number, percentage, time and duration formatting shared by every explorer view.

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * Formats a ratio (0..1) as a percentage with one decimal, or an em dash when unknown.
 * @param {number | null | undefined} ratio
 * @returns {string}
 */
export function formatPercent(ratio) {
  if (ratio == null || !Number.isFinite(ratio)) return '—'
  const percent = ratio * 100
  const digits = percent === 0 || percent === 100 || percent >= 99.95 ? 0 : 1
  return `${percent.toFixed(digits)}%`
}

/**
 * Formats a count with thousands separators.
 * @param {number | null | undefined} value
 * @returns {string}
 */
export function formatCount(value) {
  if (value == null || !Number.isFinite(value)) return '—'
  return Math.round(value).toLocaleString('en-US')
}

/**
 * Formats a duration in milliseconds with its two largest units: `45 s`, `3 min`, `2 h 5 min`, `4 d 3 h`.
 * @param {number | null | undefined} ms
 * @returns {string}
 */
export function formatDuration(ms) {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`
  if (ms < DAY) {
    const hours = Math.floor(ms / HOUR)
    const minutes = Math.round((ms - hours * HOUR) / MINUTE)
    return minutes > 0 && minutes < 60 ? `${hours} h ${minutes} min` : `${hours} h`
  }
  const days = Math.floor(ms / DAY)
  const hours = Math.round((ms - days * DAY) / HOUR)
  return hours > 0 && hours < 24 ? `${days} d ${hours} h` : `${days} d`
}

/**
 * Formats an ISO timestamp as a short UTC date and time (`2026-05-01 14:03 UTC`).
 * @param {string | null | undefined} iso
 * @returns {string}
 */
export function formatDateTime(iso) {
  if (!iso) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return String(iso)
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/**
 * Formats a money amount with two decimals and its currency code when known.
 * @param {number | null | undefined} amount
 * @param {string} [currency]
 * @returns {string}
 */
export function formatMoney(amount, currency) {
  if (amount == null || !Number.isFinite(amount)) return '—'
  const text = amount.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })
  return currency ? `${text} ${currency}` : text
}
