/**
 * What each Lago release can do, in one table: the release that introduced each route and behaviour the connector
 * depends on, read in lago-api's source (config/routes.rb, app/queries/, app/controllers/), with the commit. Streams
 * and the engine ask this table (through LagoServer) instead of discovering each difference by failing.
 */
export const STREAM_SINCE: Readonly<Record<string, { since: string; source: string }>> = {
  webhook_endpoints: { since: '0.40.0', source: 'config/routes.rb, d32f34ecd (v0.40.0-beta)' },
  applied_coupons: { since: '0.16.0', source: 'config/routes.rb, 9d637824d (v0.16.0-alpha)' },
  taxes: { since: '0.34.0', source: 'config/routes.rb, ecb66469e (v0.34.0-beta)' },
  customer_usage_past: { since: '0.49.0', source: 'config/routes.rb, 9987f6645 (v0.49.0-beta)' },
  fees: { since: '0.28.0', source: 'config/routes.rb, 222a75285 (v0.28.0-beta)' },
  wallet_transactions: { since: '0.21.0', source: 'config/routes.rb (v0.21.0-beta)' },
  payment_requests: { since: '1.9.0', source: 'config/routes.rb, ff82a4fe1' },
  events: { since: '1.13.1', source: 'config/routes.rb, 8ce3d431c (GET /events list)' },
  payments: { since: '1.19.0', source: 'config/routes.rb, b28b40deb' },
  billing_entities: { since: '1.25.0', source: 'config/routes.rb, 44fbe95fb' },
};

export const FEATURE_SINCE = {
  /** GET /health answers {"version": …} (app/controllers/application_controller.rb#health). */
  healthVersion: { since: '0.40.0', source: 'app/controllers/application_controller.rb#health' },
  /** Invoices take `statuses[]` / `payment_statuses[]`; before, only the singular filters (792f6e0d0). */
  invoiceStatusesArray: { since: '1.33.3', source: 'app/controllers/concerns/invoice_index.rb, 792f6e0d0' },
  /** Credit notes filter by issuing_date_from/_to (de063ee3f); before, the filters are ignored. */
  creditNoteDateFilters: { since: '1.17.4', source: 'app/queries/credit_notes_query.rb, de063ee3f' },
  /** GET /wallets without external_customer_id (19b4f839e); before, 404 customer_not_found. */
  orgWideWallets: { since: '1.47.0', source: 'app/queries/wallets_query.rb, 19b4f839e' },
  /** Subscription status `incomplete` (app/models/subscription.rb STATUSES). */
  incompleteSubscriptions: { since: '1.45.2', source: 'app/models/subscription.rb' },
  /** API keys scoped per resource: 403 read_action_not_allowed_for_<resource> (f0125ec5d). */
  scopedApiKeys: { since: '1.17.1', source: 'app/controllers/api/base_controller.rb#authorize, f0125ec5d' },
} as const;

export type Feature = keyof typeof FEATURE_SINCE;

/** 'x.y.z' (a v prefix and -alpha/-beta suffixes allowed) as numbers, or undefined. */
export function parseLagoVersion(text: unknown): [number, number, number] | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function atLeast(version: [number, number, number], since: string): boolean {
  const wanted = parseLagoVersion(since)!;
  for (let i = 0; i < 3; i++) if (version[i] !== wanted[i]) return version[i]! > wanted[i]!;
  return true;
}

/** The Lago a command talks to: its version when /health said it, and what that version can do. */
export class LagoServer {
  private readonly parsed: [number, number, number] | undefined;

  constructor(readonly version: string | undefined) {
    this.parsed = parseLagoVersion(version);
  }

  static readonly unknown = new LagoServer(undefined);

  get known(): boolean {
    return this.parsed !== undefined;
  }

  /** true / false when the version is known, undefined when it is not (then the error codes decide). */
  supports(feature: Feature): boolean | undefined {
    return this.parsed ? atLeast(this.parsed, FEATURE_SINCE[feature].since) : undefined;
  }

  /** Whether this Lago has the route of a built-in stream (undefined: version unknown). */
  hasStream(stream: string): boolean | undefined {
    const since = STREAM_SINCE[stream];
    if (!since) return true;
    return this.parsed ? atLeast(this.parsed, since.since) : undefined;
  }

  describe(): string {
    return this.version === undefined ? 'Lago version unknown (/health did not say)' : `Lago ${this.version}`;
  }
}
