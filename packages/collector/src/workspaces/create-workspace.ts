import type { CollectorStore, Workspace } from '../storage/types.js'
import { generateSecretKey, generateWorkspaceId, generateWriteKey, hashSecretKey } from './keys.js'

/** Options for {@link createWorkspace}. */
export interface CreateWorkspaceOptions {
  name: string
  /** Browser origins allowed to send events. @default ['*'] */
  allowedOrigins?: string[]
}

/** A created workspace with both keys; the secret key is shown once and never stored. */
export interface CreatedWorkspace {
  workspace: Workspace
  writeKey: string
  secretKey: string
}

/** Creates a workspace with a fresh write key and secret key. */
export async function createWorkspace(
  store: CollectorStore,
  options: CreateWorkspaceOptions,
): Promise<CreatedWorkspace> {
  const writeKey = generateWriteKey()
  const secretKey = generateSecretKey()
  const workspace = await store.createWorkspace({
    id: generateWorkspaceId(),
    name: options.name,
    writeKey,
    secretKeyHash: hashSecretKey(secretKey),
    allowedOrigins: options.allowedOrigins ?? ['*'],
    createdAt: new Date().toISOString(),
  })
  return { workspace, writeKey, secretKey }
}
