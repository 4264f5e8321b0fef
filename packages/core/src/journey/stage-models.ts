import type { StageModel } from './stage-model-schema.js'

// Each Segment spec name sits next to its Google Analytics 4 recommended name; other spellings
// (`order_completed`, `orderCompleted`) match through the canonical form of names.
const CONSIDERATION_EVENTS = [
  'Products Searched',
  'search',
  'Product List Viewed',
  'view_item_list',
  'Product Viewed',
  'view_item',
  'Product Clicked',
  'select_item',
  'Product Added',
  'add_to_cart',
  'Cart Viewed',
  'view_cart',
  'Checkout Started',
  'begin_checkout',
]
/** One order: Segment's `Order Completed` or GA4's `purchase`. */
const ORDER_EVENTS = ['Order Completed', 'purchase']
/** A return visit: Segment's `Signed In`, `Application Opened`, or GA4's `login`. */
const RETURN_EVENTS = ['Signed In', 'Application Opened', 'login']
const ADVOCACY_EVENTS = [
  'Product Reviewed',
  'Review Submitted',
  'Product Shared',
  'Cart Shared',
  'share',
  'Referral Sent',
]
/** Survey events whose `score` (0–10, NPS style) can signal a promoter. */
const SURVEY_EVENTS = ['Survey Answered', 'Survey Submitted', 'Survey Completed', 'NPS Submitted']

/**
 * The customer-journey map (awareness → consideration → purchase → retention → advocacy) on
 * Segment's e-commerce semantic events and their Google Analytics 4 recommended counterparts
 * (`purchase`, `view_item`, `add_to_cart`, …). No lapse rule: add one to model churn.
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
      description: 'The first order (`Order Completed` or `purchase`).',
      rules: [{ type: 'track', event: ORDER_EVENTS }],
    },
    {
      id: 'retention',
      label: 'Retention',
      description:
        'A second order, or a return (`Signed In`, `Application Opened`, `login`) after buying.',
      rules: [
        // One rule for both names, so `Order Completed` then `purchase` is the second order.
        { type: 'track', event: ORDER_EVENTS, occurrence: 2 },
        { type: 'track', event: RETURN_EVENTS, after: 'purchase' },
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
 * Segment's B2B SaaS and e-commerce semantic events and their Google Analytics 4 recommended
 * counterparts (`sign_up`, `login`, `purchase`, …).
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
          event: [
            'Signed Up',
            'sign_up',
            'Account Created',
            'Trial Started',
            'Product Added',
            'add_to_cart',
          ],
        },
      ],
    },
    {
      id: 'retention',
      label: 'Retention',
      description: 'Came back: `Signed In`, `Application Opened` or `login` after activation.',
      rules: [{ type: 'track', event: RETURN_EVENTS, after: 'activation' }],
    },
    {
      id: 'revenue',
      label: 'Revenue',
      description: 'Paid: an order, or a trial ended into a plan (`Subscription Started`).',
      rules: [{ type: 'track', event: [...ORDER_EVENTS, 'Subscription Started'] }],
    },
    {
      id: 'referral',
      label: 'Referral',
      description: 'Invited or referred someone, or shared.',
      rules: [
        {
          type: 'track',
          event: ['Invite Sent', 'Referral Sent', 'Product Shared', 'Cart Shared', 'share'],
        },
      ],
    },
  ],
}
