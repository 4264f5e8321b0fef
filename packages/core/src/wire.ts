/**
 * What travels between the SDKs and the collector: the message spec and its validation, the
 * errors, the retry rules and the profile-API types: these exports of `@itinera/core`, the same
 * objects, without the identity and journey engines (nor libphonenumber-js), so that a server SDK
 * which only sends messages loads faster (in a fresh process, 65 ms and 16 MB of RSS against
 * 111 ms and 24 MB for the root; bench/node-sdk).
 *
 * @module @itinera/core/wire
 */
export * from './errors.js'
export * from './spec/index.js'
export * from './profile-api/index.js'
export * from './queue/index.js'
