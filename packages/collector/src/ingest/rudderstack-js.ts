/**
 * The source configuration RudderStack's browser SDK (`@rudderstack/analytics-js`) loads from
 * `${configUrl}/sourceConfig/?writeKey=…` before it sends anything: an enabled source with no
 * device-mode destinations, so everything goes to the data plane, which is the collector. With
 * it, the SDK only needs `configUrl` and `dataPlaneUrl` set to the collector's address.
 */
export function rudderstackSourceConfig(writeKey: string) {
  return {
    isHosted: false,
    source: {
      // The SDK keys its storage by the source id; the write key is already public.
      id: writeKey,
      name: 'Itinera',
      writeKey,
      enabled: true,
      config: {},
      destinations: [],
    },
  }
}
