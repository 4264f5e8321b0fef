export { createWorkspace } from './create-workspace.js'
export type { CreateWorkspaceOptions, CreatedWorkspace } from './create-workspace.js'
export { hashSecretKey } from './keys.js'
