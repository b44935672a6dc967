/**
 * Lago's list routes whose items are a built-in stream's records (config/routes.rb, lago-api HEAD 1b1c24a6: the
 * org-wide lists and the customer-scoped ones under /customers/:external_id/). A custom stream reading one of them
 * without a json_schema gets that stream's schema rather than one inferred from a sample, which is only as complete
 * as the sample (and empty when the sample is).
 */
const SEGMENT = '[^/]+';
const KNOWN_LISTS: ReadonlyArray<{ route: RegExp; stream: string; root: string }> = [
  ...['customers', 'billable_metrics', 'plans', 'events', 'coupons', 'add_ons', 'fees', 'taxes', 'billing_entities', 'webhook_endpoints'].map(
    (name) => ({ route: new RegExp(`^/${name}$`), stream: name, root: name }),
  ),
  // Org-wide and per customer.
  ...['subscriptions', 'invoices', 'credit_notes', 'wallets', 'applied_coupons', 'payment_requests', 'payments'].map((name) => ({
    route: new RegExp(`^(/customers/${SEGMENT})?/${name}$`),
    stream: name,
    root: name,
  })),
  { route: new RegExp(`^/wallets/${SEGMENT}/wallet_transactions$`), stream: 'wallet_transactions', root: 'wallet_transactions' },
  { route: new RegExp(`^/customers/${SEGMENT}/current_usage$`), stream: 'customer_usage', root: 'customer_usage' },
  { route: new RegExp(`^/customers/${SEGMENT}/past_usage$`), stream: 'customer_usage_past', root: 'usage_periods' },
];

/**
 * The built-in stream whose records a GET of `path` answers with, when the records are taken from the list's own
 * root key (the default extractor, or a records_path such as `$.invoices[*]`); otherwise undefined.
 */
export function knownListStream(method: string | undefined, path: string, recordsPath: string | undefined): string | undefined {
  if (method !== undefined && method !== 'GET') return undefined;
  const bare = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const known = KNOWN_LISTS.find((list) => list.route.test(bare));
  if (!known) return undefined;
  if (recordsPath === undefined) return known.stream;
  const roots = [`$.${known.root}`, `$.${known.root}[*]`, `$.${known.root}.*`, `$['${known.root}']`, `$['${known.root}'][*]`];
  return roots.includes(recordsPath.replace(/\s+/g, '')) ? known.stream : undefined;
}
