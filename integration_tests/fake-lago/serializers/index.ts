// Each stream's lago-api list serializer, by the fake's resource (and usage) names.
import { addOns } from './add_ons.js';
import { appliedCoupons } from './applied_coupons.js';
import { billableMetrics } from './billable_metrics.js';
import { billingEntities } from './billing_entities.js';
import { coupons } from './coupons.js';
import { creditNotes } from './credit_notes.js';
import { customerUsage } from './customer_usage.js';
import { customerUsagePast } from './customer_usage_past.js';
import { customers } from './customers.js';
import { events } from './events.js';
import { fees } from './fees.js';
import { invoices } from './invoices.js';
import { paymentRequests } from './payment_requests.js';
import { payments } from './payments.js';
import { plans } from './plans.js';
import { subscriptions } from './subscriptions.js';
import { taxes } from './taxes.js';
import type { Serializer } from './types.js';
import { walletTransactions } from './wallet_transactions.js';
import { wallets } from './wallets.js';
import { webhookEndpoints } from './webhook_endpoints.js';

/** Keyed by the root key each list answers with (customer usage: its stream names). */
export const SERIALIZERS = {
  customers,
  subscriptions,
  invoices,
  billable_metrics: billableMetrics,
  plans,
  events,
  coupons,
  add_ons: addOns,
  customer_usage: customerUsage,
  customer_usage_past: customerUsagePast,
  fees,
  credit_notes: creditNotes,
  wallets,
  wallet_transactions: walletTransactions,
  applied_coupons: appliedCoupons,
  taxes,
  payment_requests: paymentRequests,
  payments,
  billing_entities: billingEntities,
  webhook_endpoints: webhookEndpoints,
} as const satisfies Record<string, Serializer>;

export type SerializedStream = keyof typeof SERIALIZERS;
