// Types for format.js, for the unit tests and editors; the browser loads the .js as is.
export declare function formatPercent(ratio: number | null | undefined): string
export declare function formatCount(value: number | null | undefined): string
export declare function formatDuration(ms: number | null | undefined): string
export declare function formatDateTime(iso: string | null | undefined): string
export declare function formatMoney(amount: number | null | undefined, currency?: string): string
