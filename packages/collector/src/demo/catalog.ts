/** A product of the demo shop, with the Segment e-commerce spec's fields. */
export interface DemoProduct {
  product_id: string
  sku: string
  name: string
  category: string
  brand: string
  price: number
}

/** The demo shop's catalogue (the same products as examples/demo-shop). */
export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    product_id: 'p-trail-runner',
    sku: 'TR-42',
    name: 'Trail Runner Shoes',
    category: 'Footwear',
    brand: 'Itinera Outdoor',
    price: 119,
  },
  {
    product_id: 'p-day-pack',
    sku: 'DP-20',
    name: 'Day Pack 20 L',
    category: 'Bags',
    brand: 'Itinera Outdoor',
    price: 79,
  },
  {
    product_id: 'p-rain-shell',
    sku: 'RS-M',
    name: 'Rain Shell Jacket',
    category: 'Apparel',
    brand: 'Northline',
    price: 149,
  },
  {
    product_id: 'p-merino-tee',
    sku: 'MT-S',
    name: 'Merino T-Shirt',
    category: 'Apparel',
    brand: 'Northline',
    price: 45,
  },
  {
    product_id: 'p-water-bottle',
    sku: 'WB-750',
    name: 'Insulated Bottle 750 ml',
    category: 'Accessories',
    brand: 'Kettle & Co',
    price: 29,
  },
  {
    product_id: 'p-head-torch',
    sku: 'HT-300',
    name: 'Head Torch 300 lm',
    category: 'Accessories',
    brand: 'Lumo',
    price: 39,
  },
  {
    product_id: 'p-trek-poles',
    sku: 'TP-2',
    name: 'Trekking Poles (pair)',
    category: 'Gear',
    brand: 'Itinera Outdoor',
    price: 89,
  },
  {
    product_id: 'p-sleeping-bag',
    sku: 'SB-3S',
    name: 'Three-Season Sleeping Bag',
    category: 'Gear',
    brand: 'Lumo',
    price: 189,
  },
]

/** A marketing campaign, as UTM parameters. */
export interface DemoCampaign {
  name: string
  source: string
  medium: string
  content?: string
}

/** Campaigns that bring visitors, with how often each one does. */
export const DEMO_CAMPAIGNS: readonly (readonly [DemoCampaign | undefined, number])[] = [
  [undefined, 30],
  [{ name: 'spring_sale', source: 'newsletter', medium: 'email' }, 16],
  [{ name: 'trail_season', source: 'google', medium: 'cpc', content: 'shoes' }, 18],
  [{ name: 'trail_season', source: 'instagram', medium: 'social' }, 12],
  [{ name: 'gear_guide', source: 'outdoor-blog', medium: 'referral' }, 8],
  [{ name: 'winback', source: 'newsletter', medium: 'email' }, 6],
  [{ name: 'brand', source: 'bing', medium: 'cpc' }, 5],
  [{ name: 'app_install', source: 'facebook', medium: 'paid_social' }, 5],
]

/** First names and last names for generated customers. */
export const FIRST_NAMES = [
  'Ana',
  'Bo',
  'Chen',
  'Dara',
  'Eli',
  'Fatima',
  'Goran',
  'Hana',
  'Ines',
  'Jonas',
  'Kemal',
  'Lea',
  'Mateo',
  'Noor',
  'Oskar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sami',
  'Tomasz',
  'Uma',
  'Viktor',
  'Wen',
  'Yara',
  'Zoe',
] as const
export const LAST_NAMES = [
  'Silva',
  'Berg',
  'Li',
  'Okafor',
  'Novak',
  'Haddad',
  'Kowalski',
  'Sato',
  'Moreau',
  'Fischer',
  'Garcia',
  'Jensen',
  'Ivanova',
  'Mensah',
  'Rossi',
  'Nguyen',
  'Kaya',
  'Lindqvist',
] as const

/** Physical stores (the `pos` channel). */
export const DEMO_STORES = ['store-lisbon', 'store-berlin', 'store-oslo'] as const
