export { registerDemoShopConfig } from './demo-config.js'
export type { DemoShopConfigOptions } from './demo-config.js'
