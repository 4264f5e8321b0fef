/* global window, document */
/*
 * Itinera inline snippet. Paste it in a <script> (with your CSP nonce, if any) and edit the
 * last lines: the URL of itinera.min.js (`src`), your write key and your collector's origin.
 * Until the bundle loads, `itinera.track(...)` and friends are buffered with their call time;
 * the bundle then creates the tracker, replays them in order and replaces `window.itinera`.
 */
;(function (w, d, config) {
  var stub = (w.itinera = w.itinera || [])
  if (stub.config) return
  stub.config = config
  var methods = [
    'track',
    'identify',
    'page',
    'group',
    'alias',
    'reset',
    'flush',
    'use',
    'setConsent',
    'on',
  ]
  for (var i = 0; i < methods.length; i++) {
    ;(function (method) {
      stub[method] = function () {
        stub.push([method, Array.prototype.slice.call(arguments), Date.now()])
        return stub
      }
    })(methods[i])
  }
  var script = d.createElement('script')
  script.async = true
  script.src = config.src
  // Under a nonce-based Content-Security-Policy the bundle needs the snippet's nonce.
  var nonce = config.nonce || (d.currentScript && d.currentScript.nonce)
  if (nonce) script.nonce = nonce
  ;(d.head || d.documentElement).appendChild(script)
})(window, document, {
  src: '/itinera.min.js',
  writeKey: 'YOUR_WRITE_KEY',
  host: 'https://collect.example.com',
})
