// The reviewed correction tables, one per stream (see README.md beside this file).
import customers from './customers.mjs';
import subscriptions from './subscriptions.mjs';
import invoices from './invoices.mjs';
import billableMetrics from './billable_metrics.mjs';
import plans from './plans.mjs';
import events from './events.mjs';
import coupons from './coupons.mjs';
import addOns from './add_ons.mjs';
import customerUsage from './customer_usage.mjs';
import customerUsagePast from './customer_usage_past.mjs';
import fees from './fees.mjs';
import creditNotes from './credit_notes.mjs';
import wallets from './wallets.mjs';
import walletTransactions from './wallet_transactions.mjs';
import appliedCoupons from './applied_coupons.mjs';
import taxes from './taxes.mjs';
import paymentRequests from './payment_requests.mjs';
import payments from './payments.mjs';
import billingEntities from './billing_entities.mjs';
import webhookEndpoints from './webhook_endpoints.mjs';

/** @type {Readonly<Record<string, import('./types').StreamCorrections>>} */
export const CORRECTIONS = {
  customers: customers,
  subscriptions: subscriptions,
  invoices: invoices,
  billable_metrics: billableMetrics,
  plans: plans,
  events: events,
  coupons: coupons,
  add_ons: addOns,
  customer_usage: customerUsage,
  customer_usage_past: customerUsagePast,
  fees: fees,
  credit_notes: creditNotes,
  wallets: wallets,
  wallet_transactions: walletTransactions,
  applied_coupons: appliedCoupons,
  taxes: taxes,
  payment_requests: paymentRequests,
  payments: payments,
  billing_entities: billingEntities,
  webhook_endpoints: webhookEndpoints,
};
