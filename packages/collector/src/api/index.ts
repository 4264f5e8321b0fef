export { registerProfileApi } from './register-profile-api.js'
export type { ProfileApiDeps } from './register-profile-api.js'
export { ProfileApiError } from './api-error.js'
