// Finds the write key the snippet sends with: `?writeKey=` in the URL (remembered), the one
// `npm start` serves in /demo/config.js, or the one remembered from an earlier visit.
;(function () {
  var STORAGE_KEY = 'demo-shop.writeKey'
  var demo = window.ITINERA_DEMO || {}
  var fromUrl = new URLSearchParams(location.search).get('writeKey')
  var saved = null
  try {
    saved = localStorage.getItem(STORAGE_KEY)
    if (fromUrl) localStorage.setItem(STORAGE_KEY, fromUrl)
  } catch {
    // Storage is off (private mode): the key comes from the URL or config.js only.
  }
  window.ITINERA_DEMO = { writeKey: fromUrl || demo.writeKey || saved || '', host: demo.host || '' }
})()
