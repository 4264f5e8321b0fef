import type { ValidationIssue } from '../errors.js'
import type {
  AttributionDefinition,
  AttributionModel,
  FunnelBreakdownGroup,
  FunnelDefinition,
  FunnelStepResult,
  PathsDefinition,
  PathsResult,
} from '../journey/index.js'
import type { MessageType } from '../spec/index.js'

/**
 * Wire types of the collector's profile and journey API. Every request carries the workspace's
 * secret key as `Authorization: Bearer <secretKey>`; write keys are refused with 401.
 */

/** One page of a paginated list; pass `next` back as `cursor` for the following page. */
export interface ProfileApiPage<T> {
  data: T[]
  /** Opaque cursor of the following page, or `null` on the last page. */
  next: string | null
}

/** Query string of every paginated list (`?limit=&cursor=`). */
export interface ApiPageQuery {
  /** Items per page; the server caps it. */
  limit?: number
  /** The `next` value of the previous page. */
  cursor?: string
}

/** One identifier attached to a profile, such as `{ type: 'email', value: 'ana@example.com' }`. */
export interface ApiIdentifier {
  /** `user_id`, `anonymous_id`, `email`, `phone` or an external id type. */
  type: string
  value: string
}

/** A stitched profile: `GET /v1/profiles/{ref}` and each item of `GET /v1/profiles`. */
export interface ApiProfile {
  id: string
  identifiers: ApiIdentifier[]
  traits: Record<string, unknown>
  /** ISO-8601 time of the earliest message. */
  firstSeen: string
  /** ISO-8601 time of the latest message. */
  lastSeen: string
  /** Current journey stage, or `null` before the first stage is reached. */
  stage: string | null
}

/** One entry of a profile's timeline (`GET /v1/profiles/{ref}/events`), oldest first. */
export interface ApiTimelineEvent {
  messageId: string
  type: MessageType
  /** Event name for `track`, page or screen name for `page`/`screen`, else `null`. */
  event: string | null
  /** ISO-8601 event time (corrected for clock skew). */
  timestamp: string
  /** Acquisition channel the message was attributed to, or `null`. */
  channel: string | null
  sessionId: string | null
  properties: Record<string, unknown>
}

/** One stage the profile entered (`GET /v1/profiles/{ref}/journey`). */
export interface ApiStageEntry {
  stage: string
  /** ISO-8601 time the stage was entered. */
  enteredAt: string
  /** ISO-8601 time the profile moved on, or `null` for the current stage. */
  exitedAt: string | null
  /** The message that caused the transition, when one did. */
  messageId: string | null
}

/** Response of `GET /v1/profiles/{ref}/journey`. */
export interface ApiJourney {
  profileId: string
  /** Current stage, or `null`. */
  stage: string | null
  /** Stage entries, oldest first. */
  entries: ApiStageEntry[]
}

/** A merge of two profiles into one survivor. */
export interface ApiMerge {
  /** ISO-8601 time of the merge. */
  at: string
  survivorId: string
  mergedId: string
  /** The identifier that linked the two profiles. */
  identifier: ApiIdentifier
  /** The message that carried the link. */
  messageId: string | null
}

/** A link the identity rules refused, with the reason. */
export interface ApiRefusedLink {
  at: string
  identifier: ApiIdentifier
  /** The profile the identifier already belongs to, or `null` when it had none. */
  otherProfileId: string | null
  reason: string
  messageId: string | null
}

/** Response of `GET /v1/profiles/{ref}/history`: merges and refused links, oldest first. */
export interface ApiHistory {
  profileId: string
  merges: ApiMerge[]
  refusedLinks: ApiRefusedLink[]
}

/** One step of an explanation: `messageId` linked `from` and `to`. */
export interface ApiEvidenceStep {
  from: ApiIdentifier
  to: ApiIdentifier
  /** The message that carried both identifiers. */
  messageId: string
  /** ISO-8601 time of that message, or `null` when it had none. */
  at: string | null
}

/**
 * Response of `GET /v1/profiles/{ref}/explain?a=…&b=…`: why two identifiers are in the
 * profile, as the shortest chain of messages that linked them.
 */
export interface ApiExplanation {
  profileId: string
  /** Both identifiers belong to this profile. */
  sameProfile: boolean
  /** From `a` to `b`; empty when they are not both in the profile or are the same. */
  steps: ApiEvidenceStep[]
}

/** What a deletion removed. */
export interface ApiDeletionRemoved {
  messages: number
  identifiers: ApiIdentifier[]
}

/**
 * A deletion request: the response of `DELETE /v1/profiles/{ref}` and of
 * `GET /v1/deletions/{id}`. Its identifiers stay suppressed, so later messages carrying them are
 * dropped and counted in `suppressedMessages`.
 */
export interface ApiDeletion {
  id: string
  /** The ref the deletion was requested with. */
  ref?: string
  profileId: string
  status: 'pending' | 'completed'
  /** ISO-8601 time of the request. */
  requestedAt: string
  /** ISO-8601 time the removal finished, or `null` while pending. */
  completedAt: string | null
  removed: ApiDeletionRemoved
  /** Identifiers on the suppression list because of this deletion. */
  suppressed: ApiIdentifier[]
  /** Messages dropped since because they carried a suppressed identifier. */
  suppressedMessages: number
}

/**
 * Body of `POST /v1/funnels`: the core's funnel definition as is (steps, window, order,
 * exclusions, breakdown, time bounds).
 */
export type ApiFunnelRequest = FunnelDefinition

/** One step of a funnel result. */
export interface ApiFunnelStepResult {
  /** The step's label (its event name unless a label was given). */
  event: string
  /** Profiles that reached this step. */
  count: number
  /** `count` over the first step's count, 0 to 1. */
  conversion: number
  /** `count` over the previous step's count, 0 to 1. */
  conversionFromPrevious: number
  /** Median time from the previous step, or `null` for the first step. */
  medianMsFromPrevious: FunnelStepResult['medianMsFromPrevious']
  /** 90th percentile of the time from the previous step, or `null` for the first step. */
  p90MsFromPrevious: FunnelStepResult['p90MsFromPrevious']
}

/** Response of `POST /v1/funnels`. */
export interface ApiFunnelResponse {
  steps: ApiFunnelStepResult[]
  /** Profiles left out because of an exclusion. */
  excludedProfiles: number
  /** Present when the request asked for a breakdown. */
  breakdown?: { value: FunnelBreakdownGroup['value']; steps: ApiFunnelStepResult[] }[]
}

/**
 * Body of `POST /v1/paths`: the core's paths query, with `maxSteps` for its `depth` and ISO-8601
 * `from`/`to` bounds on the messages read.
 */
export interface ApiPathsRequest {
  start?: PathsDefinition['start']
  end?: PathsDefinition['end']
  /** Steps after `start` (or before `end`). @default 5 */
  maxSteps?: number
  /** Most distinct paths kept. @default 20 */
  limit?: number
  types?: PathsDefinition['types']
  collapseRepeats?: boolean
  from?: string
  to?: string
}

/** One path and how many profiles followed it. */
export type ApiPath = PathsResult['paths'][number]

/** Response of `POST /v1/paths`: the core's paths result (list plus Sankey nodes and links). */
export type ApiPathsResponse = PathsResult

/** Attribution models of `POST /v1/attribution`; `u_shaped` is the core's `position_based`. */
export type ApiAttributionModel = AttributionModel | 'u_shaped'

/** Body of `POST /v1/attribution`. */
export interface ApiAttributionRequest {
  /** The conversion event name. */
  conversion: string
  model: ApiAttributionModel
  /** How far before a conversion touches count, in milliseconds. */
  lookbackMs?: number
  /** Half-life of the `time_decay` model, in milliseconds. */
  halfLifeMs?: number
  /** What gets the credit. @default 'channel' */
  dimension?: AttributionDefinition['dimension']
  /** Conversion property whose value is shared out (revenue). */
  valueProperty?: string
  from?: string
  to?: string
}

/** Credit given to one channel (or other dimension value). */
export interface ApiChannelCredit {
  channel: string
  /** Conversions credited (fractional for multi-touch models). */
  credit: number
  /** Share of `valueProperty` credited; 0 without it. */
  value: number
  touchpoints: number
}

/** Response of `POST /v1/attribution`. */
export interface ApiAttributionResponse {
  model: ApiAttributionModel
  conversions: number
  /** Conversions with no touchpoint in the lookback window. */
  unattributed: number
  /** Sum of `valueProperty` over conversions. */
  value: number
  channels: ApiChannelCredit[]
}

/** One stage of the workspace's stage model and its profiles. */
export interface ApiStageCount {
  stage: string
  /** Profiles whose current stage this is. */
  profiles: number
  label?: string
  /** Profiles that reached this stage at some point. */
  reached: number
  /** `profiles` over all profiles, 0 to 1. */
  share: number
}

/** Response of `GET /v1/stages`. */
export interface ApiStagesResponse {
  data: ApiStageCount[]
  total: number
  /** Profiles in no stage yet. */
  noStage: number
}

/** Machine-readable error codes of the profile API. */
export type ProfileApiErrorCode =
  'invalid_request' | 'unauthorized' | 'not_found' | 'rate_limited' | 'internal'

/**
 * Body of every error response: 400 names the `param`, 404 echoes the `ref` that was asked, 429
 * comes with a `Retry-After` header.
 */
export interface ProfileApiErrorBody {
  error: {
    code: ProfileApiErrorCode
    message: string
    /** The query or path parameter that was malformed (400). */
    param?: string
    /** The profile ref that was asked (404). */
    ref?: string
    /** Field-level problems of a request body (400). */
    issues?: ValidationIssue[]
  }
}
