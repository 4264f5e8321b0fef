import type { StageModel } from './stage-model-schema.js'

const CONSIDERATION_EVENTS = [
  'Products Searched',
  'Product List Viewed',
  'Product Viewed',
  'Product Clicked',
  'Product Added',
  'Cart Viewed',
  'Checkout Started',
]
const ADVOCACY_EVENTS = [
  'Product Reviewed',
  'Review Submitted',
  'Product Shared',
  'Cart Shared',
  'Referral Sent',
]
/** Survey events whose `score` (0–10, NPS style) can signal a promoter. */
const SURVEY_EVENTS = ['Survey Answered', 'Survey Submitted', 'Survey Completed', 'NPS Submitted']

/**
 * The customer-journey map (awareness → consideration → purchase → retention → advocacy) on
 * Segment's e-commerce semantic events. No lapse rule: add one to model churn.
 *
 * @see docs/journeys.md for the table of rules.
 */
export const defaultStageModel: StageModel = {
  name: 'customer-journey',
  stages: [
    {
      id: 'awareness',
      label: 'Awareness',
      description: "The profile's first message.",
      rules: [{}],
    },
    {
      id: 'consideration',
      label: 'Consideration',
      description: 'Browsed, searched or started a checkout.',
      rules: [{ type: 'track', event: CONSIDERATION_EVENTS }],
    },
    {
      id: 'purchase',
      label: 'Purchase',
      description: 'The first `Order Completed`.',
      rules: [{ type: 'track', event: 'Order Completed' }],
    },
    {
      id: 'retention',
      label: 'Retention',
      description: 'A second order, or a return (`Signed In`, `Application Opened`) after buying.',
      rules: [
        { type: 'track', event: 'Order Completed', occurrence: 2 },
        { type: 'track', event: ['Signed In', 'Application Opened'], after: 'purchase' },
      ],
    },
    {
      id: 'advocacy',
      label: 'Advocacy',
      description: 'Reviewed, shared or referred, or answered a survey with a score of 9 or 10.',
      rules: [
        { type: 'track', event: ADVOCACY_EVENTS },
        {
          type: 'track',
          event: SURVEY_EVENTS,
          where: [{ path: 'properties.score', op: 'gte', value: 9 }],
        },
      ],
    },
  ],
}

/**
 * Dave McClure's pirate metrics (acquisition, activation, retention, revenue, referral) on
 * Segment's B2B SaaS and e-commerce semantic events.
 */
export const aarrrStageModel: StageModel = {
  name: 'aarrr',
  stages: [
    {
      id: 'acquisition',
      label: 'Acquisition',
      description: "The profile's first message.",
      rules: [{}],
    },
    {
      id: 'activation',
      label: 'Activation',
      description: 'Signed up, created an account, started a trial, or first added to cart.',
      rules: [
        {
          type: 'track',
          event: ['Signed Up', 'Account Created', 'Trial Started', 'Product Added'],
        },
      ],
    },
    {
      id: 'retention',
      label: 'Retention',
      description: 'Came back: `Signed In` or `Application Opened` after activation.',
      rules: [{ type: 'track', event: ['Signed In', 'Application Opened'], after: 'activation' }],
    },
    {
      id: 'revenue',
      label: 'Revenue',
      description:
        'Paid: `Order Completed`, or a trial ended into a plan (`Subscription Started`).',
      rules: [{ type: 'track', event: ['Order Completed', 'Subscription Started'] }],
    },
    {
      id: 'referral',
      label: 'Referral',
      description: 'Invited or referred someone, or shared.',
      rules: [
        {
          type: 'track',
          event: ['Invite Sent', 'Referral Sent', 'Product Shared', 'Cart Shared'],
        },
      ],
    },
  ],
}
