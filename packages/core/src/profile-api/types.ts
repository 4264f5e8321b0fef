import type { ValidationIssue } from '../errors.js'
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

/** One step of a funnel: a `track` event name, or a page/screen name with its message type. */
export interface ApiFunnelStep {
  event: string
  /** @default 'track' */
  type?: MessageType
  /** Only messages whose properties equal these values count. */
  where?: Record<string, unknown>
}

/** Body of `POST /v1/funnels`. */
export interface ApiFunnelRequest {
  steps: ApiFunnelStep[]
  /** Longest time from the first to the last step, in milliseconds. */
  windowMs?: number
  /** ISO-8601 lower bound of the first step. */
  from?: string
  /** ISO-8601 upper bound of the first step. */
  to?: string
  /** `ordered` (default), `strict` (consecutive events) or `any` order within the window. */
  order?: 'ordered' | 'strict' | 'any'
  /** Profiles whose attempt holds one of these events between steps `from` and `to` do not count. */
  exclusions?: (ApiFunnelStep & { from?: number; to?: number })[]
  /** Splits the funnel by the first step's channel, the first touch, or a property. */
  breakdown?:
    | { by: 'channel' }
    | { by: 'first_touch'; field: 'source' | 'medium' | 'name' | 'term' | 'content' | 'referrer' }
    | { by: 'property'; path: string }
}

/** One step of a funnel result. */
export interface ApiFunnelStepResult {
  event: string
  /** Profiles that reached this step in order. */
  count: number
  /** `count` over the first step's count, 0 to 1. */
  conversion: number
  /** Median time from the previous step, or `null` for the first step. */
  medianMsFromPrevious: number | null
  /** `count` over the previous step's count, 0 to 1. */
  conversionFromPrevious?: number
  /** 90th percentile of the time from the previous step, or `null`. */
  p90MsFromPrevious?: number | null
}

/** Response of `POST /v1/funnels`. */
export interface ApiFunnelResponse {
  steps: ApiFunnelStepResult[]
  /** Profiles left out because every attempt of theirs hit an exclusion. */
  excludedProfiles?: number
  /** Present when the request asked for a breakdown; largest groups first. */
  breakdown?: { value: string; steps: ApiFunnelStepResult[] }[]
}

/** Body of `POST /v1/paths`. */
export interface ApiPathsRequest {
  /** Event the paths start from; omitted means the first event of each profile. */
  start?: string
  /** Event the paths end at. */
  end?: string
  /** Most steps per path. */
  maxSteps?: number
  /** Most paths returned, by count. */
  limit?: number
  /** Message types that are steps. @default ['track', 'page', 'screen'] */
  types?: ('track' | 'page' | 'screen')[]
  /** Read `A, A, B` as `A, B`. @default true */
  collapseRepeats?: boolean
  from?: string
  to?: string
}

/** One path and how many profiles followed it. */
export interface ApiPath {
  steps: string[]
  count: number
}

/** Response of `POST /v1/paths`. */
export interface ApiPathsResponse {
  paths: ApiPath[]
  /** Sankey nodes: a step name at a position (0 is the anchor). */
  nodes?: { id: string; name: string; position: number; value: number }[]
  links?: { source: string; target: string; value: number }[]
  /** Profiles with the anchor (or any step when there is none). */
  profiles?: number
  /** Of those, profiles whose path is not among the kept ones. */
  otherProfiles?: number
}

/** Attribution models of `POST /v1/attribution`. */
export type ApiAttributionModel =
  'first_touch' | 'last_touch' | 'linear' | 'time_decay' | 'u_shaped' | 'position_based'

/** Body of `POST /v1/attribution`. */
export interface ApiAttributionRequest {
  /** The conversion event. */
  conversion: string
  model: ApiAttributionModel
  /** How far before a conversion touches count, in milliseconds. */
  lookbackMs?: number
  /** For `time_decay`: a touch this much older gets half the weight, in milliseconds. */
  halfLifeMs?: number
  /** What gets credit. @default 'channel' */
  dimension?: 'channel' | 'source' | 'medium' | 'name' | 'source_medium'
  /** A conversion property (e.g. `revenue`) shared out with the same weights. */
  valueProperty?: string
  from?: string
  to?: string
}

/** Credit given to one channel. */
export interface ApiChannelCredit {
  channel: string
  /** Conversions credited to the channel (fractional for multi-touch models). */
  credit: number
  /** Share of the request's `valueProperty` credited (0 without it). */
  value?: number
  /** Touchpoints with this channel that took part in a conversion. */
  touchpoints?: number
}

/** Response of `POST /v1/attribution`. */
export interface ApiAttributionResponse {
  model: ApiAttributionModel
  conversions: number
  /** Conversions without a campaign touchpoint in the lookback (credited to `(direct)`). */
  unattributed?: number
  /** Sum of `valueProperty` over conversions (0 without it). */
  value?: number
  channels: ApiChannelCredit[]
}

/** One stage of the workspace's stage model and how many profiles are in it now. */
export interface ApiStageCount {
  stage: string
  /** Profiles whose current stage this is. */
  profiles: number
  label?: string
  /** Profiles that got this far or further (for a lapse stage: that ever lapsed into it). */
  reached?: number
  /** `profiles` over all profiles, 0 to 1. */
  share?: number
}

/** Response of `GET /v1/stages`. */
export interface ApiStagesResponse {
  data: ApiStageCount[]
  /** Profiles counted. */
  total?: number
  /** Profiles in no stage yet. */
  noStage?: number
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
