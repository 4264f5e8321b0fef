import { describe, expect, it } from 'vitest'
import { canonicalEventName } from '@itinera/core'

describe('canonicalEventName', () => {
  it.each([
    'Order Completed',
    'order_completed',
    'orderCompleted',
    'OrderCompleted',
    'ORDER-COMPLETED',
    'ORDER_COMPLETED',
    'Order completed',
    'order.completed',
    'order  completed',
    'Order\tCompleted',
  ])('reads %s as ordercompleted', (name) => {
    expect(canonicalEventName(name)).toBe('ordercompleted')
  })

  it('lets acronyms match whatever their case and spacing', () => {
    const forms = ['URLOpened', 'UrlOpened', 'url_opened', 'URL Opened', 'URL_OPENED']
    expect(new Set(forms.map(canonicalEventName))).toEqual(new Set(['urlopened']))
    expect(canonicalEventName('ID')).toBe(canonicalEventName('id'))
    expect(canonicalEventName('User ID Set')).toBe(canonicalEventName('userIdSet'))
  })

  it('keeps digits, wherever the word boundaries around them are', () => {
    const forms = ['Step2Completed', 'step_2_completed', 'step2_completed', 'Step 2 Completed']
    expect(new Set(forms.map(canonicalEventName))).toEqual(new Set(['step2completed']))
    expect(canonicalEventName('Step 3 Completed')).not.toBe(canonicalEventName('Step2Completed'))
  })

  it('ignores leading and trailing separators', () => {
    expect(canonicalEventName(' Order Completed ')).toBe('ordercompleted')
    expect(canonicalEventName('_order_completed_')).toBe('ordercompleted')
    expect(canonicalEventName('.order-completed.')).toBe('ordercompleted')
  })

  it('keeps non-ASCII characters, so such names match themselves and not each other', () => {
    expect(canonicalEventName('注文完了')).toBe('注文完了')
    expect(canonicalEventName('カート表示')).not.toBe(canonicalEventName('注文完了'))
    expect(canonicalEventName('🛒')).not.toBe(canonicalEventName('🎉'))
    expect(canonicalEventName('Commande Terminée')).toBe(canonicalEventName('commande_terminée'))
    expect(canonicalEventName('Commande Terminée')).not.toBe(
      canonicalEventName('Commande Terminee'),
    )
  })

  it('keeps a name made only of separators as it is', () => {
    expect(canonicalEventName('_')).toBe('_')
    expect(canonicalEventName('-')).not.toBe(canonicalEventName('_'))
    expect(canonicalEventName('-')).not.toBe(canonicalEventName('a'))
  })

  it('tells apart names that differ in more than case and separators', () => {
    expect(canonicalEventName('Signed Up')).not.toBe(canonicalEventName('sign_up'))
    expect(canonicalEventName('Order Completed')).not.toBe(canonicalEventName('purchase'))
  })
})
