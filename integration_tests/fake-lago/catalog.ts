// Fixed vocabularies used by the generators.

export const COMPANIES = [
  'Hooli', 'Pied Piper', 'Initech', 'Globex', 'Umbrella', 'Stark Industries', 'Wayne Enterprises', 'Acme',
  'Soylent', 'Vandelay Industries', 'Wonka Industries', 'Tyrell', 'Cyberdyne', 'Aperture Science',
  'Massive Dynamic', 'Oscorp', 'Dunder Mifflin', 'Prestige Worldwide', 'Gringotts', 'Monsters Inc',
  'Bluth Company', 'Sterling Cooper', 'Los Pollos Hermanos', 'Wernham Hogg', 'Nakatomi Trading',
] as const;

export const FIRST_NAMES = ['Gavin', 'Dinesh', 'Monica', 'Jared', 'Laurie', 'Erlich', 'Bertram', 'Nelson', 'Richard', 'Carla', 'Ana', 'Yuki', 'Omar', 'Lena', 'Priya'] as const;
export const LAST_NAMES = ['Belson', 'Chugtai', 'Hall', 'Dunn', 'Bream', 'Bachman', 'Gilfoyle', 'Bighetti', 'Walton', 'Silva', 'Tanaka', 'Haddad', 'Novak', 'Iyer'] as const;

export interface Place {
  country: string;
  currency: string;
  city: string;
  state: string | null;
  zip: string;
  timezone: string;
  street: string;
  phone: string;
  locale: string;
}
export const PLACES: readonly Place[] = [
  { country: 'US', currency: 'USD', city: 'Woodland Hills', state: 'CA', zip: '91364', timezone: 'America/Los_Angeles', street: '5230 Penfield Ave', phone: '+1-818-555-0142', locale: 'en' },
  { country: 'US', currency: 'USD', city: 'New York', state: 'NY', zip: '10013', timezone: 'America/New_York', street: '120 Hudson St', phone: '+1-212-555-0199', locale: 'en' },
  { country: 'US', currency: 'USD', city: 'Austin', state: 'TX', zip: '78701', timezone: 'America/Chicago', street: '600 Congress Ave', phone: '+1-512-555-0117', locale: 'en' },
  { country: 'FR', currency: 'EUR', city: 'Paris', state: null, zip: '75002', timezone: 'Europe/Paris', street: '12 rue du Sentier', phone: '+33 1 70 00 00 42', locale: 'fr' },
  { country: 'DE', currency: 'EUR', city: 'Berlin', state: null, zip: '10115', timezone: 'Europe/Berlin', street: 'Invalidenstraße 117', phone: '+49 30 5555 0123', locale: 'de' },
  { country: 'GB', currency: 'GBP', city: 'London', state: null, zip: 'EC1V 9HX', timezone: 'Europe/London', street: '20 Old Street', phone: '+44 20 7946 0321', locale: 'en' },
];

export interface TaxDef { name: string; code: string; rate: number; description: string | null }
export const TAXES: readonly TaxDef[] = [
  { name: 'TVA', code: 'fr_standard_vat', rate: 20, description: 'French standard VAT' },
  { name: 'MwSt', code: 'de_standard_vat', rate: 19, description: 'German standard VAT' },
  { name: 'CA sales tax', code: 'us_ca_sales_tax', rate: 7.25, description: null },
  { name: 'UK VAT', code: 'uk_standard_vat', rate: 20, description: 'United Kingdom standard VAT' },
  { name: 'TVA réduite', code: 'fr_reduced_vat', rate: 5.5, description: 'French reduced VAT' },
];

export interface EntityDef { code: string; name: string; currency: string; place: number }
export const BILLING_ENTITIES: readonly EntityDef[] = [
  { code: 'acme_us', name: 'Acme Inc.', currency: 'USD', place: 0 },
  { code: 'acme_eu', name: 'Acme Europe SAS', currency: 'EUR', place: 3 },
  { code: 'acme_uk', name: 'Acme UK Ltd', currency: 'GBP', place: 5 },
];

export interface MetricDef {
  code: string;
  name: string;
  agg: 'count_agg' | 'sum_agg' | 'max_agg' | 'unique_count_agg' | 'weighted_sum_agg' | 'latest_agg';
  field: string | null;
  recurring: boolean;
  description: string | null;
  filters: { key: string; values: string[] }[];
}
export const METRICS: readonly MetricDef[] = [
  { code: 'api_requests', name: 'API requests', agg: 'count_agg', field: null, recurring: false, description: 'Number of API calls', filters: [{ key: 'method', values: ['GET', 'POST'] }] },
  { code: 'storage_gb', name: 'Storage', agg: 'sum_agg', field: 'gb', recurring: false, description: 'GB of storage used in my application', filters: [] },
  { code: 'seats', name: 'Seats', agg: 'unique_count_agg', field: 'user_id', recurring: true, description: null, filters: [] },
  { code: 'compute_hours', name: 'Compute hours', agg: 'sum_agg', field: 'hours', recurring: false, description: 'CPU hours', filters: [{ key: 'region', values: ['us-east-1', 'eu-west-1'] }] },
  { code: 'bandwidth_gb', name: 'Bandwidth', agg: 'max_agg', field: 'gb', recurring: false, description: null, filters: [] },
  { code: 'ai_tokens', name: 'AI tokens', agg: 'sum_agg', field: 'tokens', recurring: false, description: 'LLM tokens consumed', filters: [{ key: 'model', values: ['small', 'large'] }] },
  { code: 'active_instances', name: 'Active instances', agg: 'weighted_sum_agg', field: 'instances', recurring: true, description: null, filters: [] },
  { code: 'account_balance', name: 'Account balance', agg: 'latest_agg', field: 'balance', recurring: false, description: null, filters: [] },
];

export interface PlanDef { code: string; name: string; interval: 'monthly' | 'yearly' | 'quarterly' | 'weekly' | 'semiannual'; amount: number; payInAdvance: boolean; trial: number }
export const PLANS: readonly PlanDef[] = [
  { code: 'starter', name: 'Starter', interval: 'monthly', amount: 4900, payInAdvance: true, trial: 14 },
  { code: 'growth', name: 'Growth', interval: 'monthly', amount: 19900, payInAdvance: true, trial: 0 },
  { code: 'business', name: 'Business', interval: 'monthly', amount: 99900, payInAdvance: false, trial: 0 },
  { code: 'growth_eur', name: 'Growth (EUR)', interval: 'monthly', amount: 18900, payInAdvance: true, trial: 0 },
  { code: 'enterprise_yearly', name: 'Enterprise yearly', interval: 'yearly', amount: 1200000, payInAdvance: true, trial: 0 },
  { code: 'usage_only', name: 'Pay as you go', interval: 'monthly', amount: 0, payInAdvance: false, trial: 0 },
  { code: 'scale_quarterly', name: 'Scale quarterly', interval: 'quarterly', amount: 150000, payInAdvance: false, trial: 7 },
];

export interface CouponDef { code: string; name: string; type: 'fixed_amount' | 'percentage'; amount: number | null; rate: string | null; frequency: 'once' | 'recurring' | 'forever'; duration: number | null; expires: boolean }
export const COUPONS: readonly CouponDef[] = [
  { code: 'welcome_10', name: 'Welcome 10%', type: 'percentage', amount: null, rate: '10.0', frequency: 'once', duration: null, expires: false },
  { code: 'startup_deal', name: 'Startup Deal', type: 'fixed_amount', amount: 5000, rate: null, frequency: 'recurring', duration: 6, expires: true },
  { code: 'black_friday', name: 'Black Friday', type: 'percentage', amount: null, rate: '25.0', frequency: 'forever', duration: null, expires: true },
  { code: 'partner_credit', name: 'Partner credit', type: 'fixed_amount', amount: 20000, rate: null, frequency: 'once', duration: null, expires: false },
];

export const ADD_ONS = [
  { code: 'setup_fee', name: 'Setup Fee', amount: 50000, description: 'Implementation fee for new customers.' },
  { code: 'onboarding', name: 'Onboarding workshop', amount: 150000, description: null },
  { code: 'premium_support', name: 'Premium support', amount: 30000, description: 'Priority support for one month' },
] as const;

export const WEBHOOK_URLS = ['https://hooks.acme.test/lago', 'https://billing.acme.test/webhooks/lago', 'https://etl.acme.test/ingest'] as const;

export const CHARGE_MODELS = ['standard', 'graduated', 'package', 'volume', 'percentage'] as const;
