/**
 * The project configuration posthog-js loads at start-up (`/array/<token>/config.js`, else
 * `/array/<token>/config`): everything the collector does not serve is off, so the SDK loads no
 * extension script and only captures events. Autocapture stays as the SDK is configured. `surveys`
 * is left out on purpose: with `surveys: false` posthog-js still loads its surveys script.
 */
export function posthogRemoteConfig() {
  return {
    supportedCompression: ['gzip', 'gzip-js'],
    hasFeatureFlags: false,
    autocapture_opt_out: false,
    autocaptureExceptions: false,
    errorTracking: { autocaptureExceptions: false, suppressionRules: [] },
    captureDeadClicks: false,
    capturePerformance: false,
    heatmaps: false,
    sessionRecording: false,
    productTours: false,
    conversations: false,
    logs: { captureConsoleLogs: false },
    elementsChainAsString: true,
    defaultIdentifiedOnly: true,
    siteApps: [],
    isAuthenticated: false,
    toolbarParams: {},
  }
}

// `<` and the JavaScript line separators must not end or break the script, whatever the token.
const scriptSafe = (json: string) =>
  json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')

/** `/array/<token>/config.js`: the same configuration, registered as posthog-js expects it. */
export function posthogRemoteConfigScript(token: string): string {
  const key = scriptSafe(JSON.stringify(token))
  const value = scriptSafe(JSON.stringify({ config: posthogRemoteConfig(), siteApps: [] }))
  return `(function(){var c=window._POSTHOG_REMOTE_CONFIG=window._POSTHOG_REMOTE_CONFIG||{};c[${key}]=${value}})();\n`
}

/**
 * The answer to `/flags` (current SDKs) and `/decide` (older posthog-js, which also reads its
 * configuration there): no feature flags, evaluated without errors.
 */
export function posthogFlags() {
  return {
    ...posthogRemoteConfig(),
    flags: {},
    featureFlags: {},
    featureFlagPayloads: {},
    errorsWhileComputingFlags: false,
  }
}
