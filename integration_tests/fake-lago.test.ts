// Tests of the fake Lago API server (integration_tests/fake-lago), over real HTTP.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { FakeLago, LAGO_CLOUD_LIMITS, startFakeLago, type LagoRecord } from './fake-lago/index.js';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv) => void;

type Json = Record<string, unknown>;
interface Meta { current_page: number; next_page: number | null; prev_page: number | null; total_pages: number; total_count: number }

const SCHEMAS_DIR = new URL('../schemas/', import.meta.url);

async function get(fake: FakeLago, path: string, key: string | null = fake.apiKey): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${fake.url}${path}`, { headers: key === null ? {} : { authorization: `Bearer ${key}` } });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {}, headers: res.headers };
}

async function list(fake: FakeLago, path: string, root: string): Promise<{ items: LagoRecord[]; meta: Meta }> {
  const r = await get(fake, path);
  expect(r.status).toBe(200);
  return { items: r.body[root] as LagoRecord[], meta: r.body.meta as Meta };
}

/** every page of a list, following next_page */
async function all(fake: FakeLago, path: string, root: string): Promise<LagoRecord[]> {
  const out: LagoRecord[] = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 1; page < 10_000; page++) {
    const { items, meta } = await list(fake, `${path}${sep}page=${page}&per_page=100`, root);
    out.push(...items);
    if (meta.next_page === null) break;
  }
  return out;
}

const ALL_STATUSES = 'status[]=active&status[]=pending&status[]=terminated&status[]=canceled&status[]=incomplete';
const encodeId = (id: string): string => encodeURIComponent(id).replace(/\./g, '%2E');
const ms = (v: unknown): number => Date.parse(String(v));

describe('fake Lago server', () => {
  let fake: FakeLago;
  beforeAll(async () => {
    fake = await startFakeLago({ seed: 7 });
  });
  afterAll(async () => {
    await fake.stop();
  });
  afterEach(() => {
    fake.clearFaults();
    fake.latencyMs = 0;
  });

  describe('routing and auth', () => {
    test('url points at /api/v1 on 127.0.0.1', () => {
      expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    });

    test('missing or wrong key: 401 Unauthorized', async () => {
      for (const key of [null, 'nope']) {
        const r = await get(fake, '/customers', key);
        expect(r.status).toBe(401);
        expect(r.body).toEqual({ status: 401, error: 'Unauthorized' });
      }
      const noScheme = await fetch(`${fake.url}/customers`, { headers: { authorization: fake.apiKey } });
      expect(noScheme.status).toBe(401);
    });

    test('unknown path: 404 resource_not_found, before the auth check', async () => {
      const expected = { status: 404, error: 'Not Found', code: 'resource_not_found' };
      expect((await get(fake, '/nope', null)).body).toEqual(expected);
      expect((await get(fake, '/nope')).status).toBe(404);
      const base = fake.url.replace(/\/api\/v1$/, '');
      const res = await fetch(`${base}/customers`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual(expected);
    });

    test('other methods on a known path: 405', async () => {
      const res = await fetch(`${fake.url}/customers`, { method: 'POST', headers: { authorization: `Bearer ${fake.apiKey}` }, body: '{}' });
      expect(res.status).toBe(405);
    });

    test('records every request', async () => {
      const before = fake.requests.length;
      await get(fake, '/taxes?per_page=2&page=1');
      const r = fake.requests[before];
      expect(r).toBeDefined();
      expect(r?.method).toBe('GET');
      expect(r?.path).toBe('/api/v1/taxes');
      expect(r?.query.get('per_page')).toBe('2');
      expect(r?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
      expect(r?.status).toBe(200);
    });
  });

  describe('pagination', () => {
    test('meta across pages, page past the end, per_page cap', async () => {
      const big = await startFakeLago({ counts: { customers: 250 } });
      try {
        const p1 = await list(big, '/customers?per_page=100', 'customers');
        expect(p1.items).toHaveLength(100);
        expect(p1.meta).toEqual({ current_page: 1, next_page: 2, prev_page: null, total_pages: 3, total_count: 250 });
        const p3 = await list(big, '/customers?per_page=100&page=3', 'customers');
        expect(p3.items).toHaveLength(50);
        expect(p3.meta).toEqual({ current_page: 3, next_page: null, prev_page: 2, total_pages: 3, total_count: 250 });
        const past = await list(big, '/customers?per_page=100&page=9', 'customers');
        expect(past.items).toEqual([]);
        expect(past.meta).toEqual({ current_page: 9, next_page: null, prev_page: 8, total_pages: 3, total_count: 250 });
        const capped = await list(big, '/customers?per_page=1000', 'customers');
        expect(capped.items).toHaveLength(100);
        expect(capped.meta.total_pages).toBe(3);
        const dflt = await list(big, '/customers', 'customers');
        expect(dflt.items).toHaveLength(100);
        const everything = await all(big, '/customers', 'customers');
        expect(new Set(everything.map((c) => c.lago_id)).size).toBe(250);
      } finally {
        await big.stop();
      }
    });

    test('perPageCap option', async () => {
      const small = await startFakeLago({ perPageCap: 10 });
      try {
        const r = await list(small, '/customers?per_page=100', 'customers');
        expect(r.items).toHaveLength(10);
        expect(r.meta.total_pages).toBe(3);
      } finally {
        await small.stop();
      }
    });

    test('an empty list answers current_page 0, total_pages 0', async () => {
      const r = await list(fake, '/subscriptions?external_customer_id=nobody', 'subscriptions');
      expect(r.items).toEqual([]);
      expect(r.meta).toEqual({ current_page: 0, next_page: null, prev_page: null, total_pages: 0, total_count: 0 });
    });

    test('default sort created_at DESC', async () => {
      for (const root of ['customers', 'plans', 'billable_metrics', 'credit_notes', 'wallets', 'payments', 'taxes']) {
        const items = (await list(fake, `/${root}`, root)).items;
        for (let k = 1; k < items.length; k++) expect(ms(items[k - 1]?.created_at)).toBeGreaterThanOrEqual(ms(items[k]?.created_at));
      }
    });

    test('billing_entities is not paginated', async () => {
      const r = await get(fake, '/billing_entities');
      expect(Object.keys(r.body)).toEqual(['billing_entities']);
      expect((r.body.billing_entities as unknown[]).length).toBe(2);
    });
  });

  describe('data', () => {
    test('relationally consistent', async () => {
      const d = fake.data;
      const customers = new Map(d.customers.map((c) => [c.external_id, c]));
      const plans = new Set(d.plans.map((p) => p.code));
      const metrics = new Set(d.billable_metrics.map((m) => m.code));
      const subs = new Map(d.subscriptions.map((s) => [s.external_id, s]));
      const invoices = new Set(d.invoices.map((i) => i.lago_id));
      expect(new Set(d.subscriptions.map((s) => s.status))).toEqual(new Set(['active', 'pending', 'terminated', 'canceled', 'incomplete']));
      // an incomplete subscription (Subscription#mark_as_incomplete!) has started_at but is not activated, gated by a pending rule
      for (const s of d.subscriptions.filter((x) => x.status === 'incomplete')) {
        expect(s).toMatchObject({ activated_at: null, terminated_at: null, activation_rules: [{ type: 'payment', status: 'pending' }] });
        expect(typeof s.started_at).toBe('string');
      }
      expect(d.customers.some((c) => String(c.external_id).includes('.'))).toBe(true);
      for (const s of d.subscriptions) {
        expect(customers.get(s.external_customer_id)?.lago_id).toBe(s.lago_customer_id);
        expect(plans.has(s.plan_code)).toBe(true);
      }
      for (const i of d.invoices) expect(customers.has((i.customer as LagoRecord).external_id)).toBe(true);
      const txBySub = new Set<string>();
      for (const e of d.events) {
        // Postgres events are not linked to lago customers or subscriptions (post_process_service.rb since v0.52.0-beta)
        expect([e.lago_customer_id, e.lago_subscription_id]).toEqual([null, null]);
        expect(metrics.has(e.code)).toBe(true);
        if (e.external_subscription_id === null) continue;
        expect(['active', 'terminated']).toContain(subs.get(e.external_subscription_id)?.status);
        const key = `${String(e.external_subscription_id)}/${String(e.transaction_id)}`;
        expect(txBySub.has(key)).toBe(false);
        txBySub.add(key);
      }
      // a few events were sent without a subscription id (nothing requires one: app/services/events/create_service.rb)
      expect(d.events.some((e) => e.external_subscription_id === null)).toBe(true);
      for (const f of d.fees) {
        // lago-api reaches a fee's customer through its subscription (app/models/fee.rb): none without one
        if (f.external_subscription_id === null) expect(f.external_customer_id).toBeNull();
        else expect(customers.get(f.external_customer_id)?.lago_id).toBe(f.lago_customer_id);
        // fees bill started subscriptions only (an incomplete or pending one has none)
        if (f.external_subscription_id !== null) expect(['active', 'terminated']).toContain(subs.get(f.external_subscription_id)?.status);
        if (f.lago_invoice_id !== null) expect(invoices.has(f.lago_invoice_id)).toBe(true);
        if (f.external_subscription_id !== null) expect(subs.has(f.external_subscription_id)).toBe(true);
      }
      for (const c of d.credit_notes) expect(invoices.has(c.lago_invoice_id)).toBe(true);
      for (const p of d.payments) {
        expect(customers.has(p.external_customer_id)).toBe(true);
        for (const id of p.invoice_ids as string[]) expect(invoices.has(id)).toBe(true);
      }
      for (const w of d.wallets) expect(customers.get(w.external_customer_id)?.lago_id).toBe(w.lago_customer_id);
      for (const a of d.applied_coupons) expect(customers.has(a.external_customer_id)).toBe(true);
      const walletIds = new Set(d.wallets.map((w) => w.lago_id));
      for (const t of d.wallet_transactions) expect(walletIds.has(t.lago_wallet_id)).toBe(true);
    });

    test('realistic value formats', () => {
      const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
      for (const c of fake.data.customers) {
        expect(c.lago_id).toMatch(uuidRe);
        expect(c.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        expect(ms(c.created_at)).toBeGreaterThanOrEqual(Date.UTC(2024, 11, 1));
        expect(ms(c.created_at)).toBeLessThanOrEqual(Date.UTC(2026, 10, 21));
      }
      for (const i of fake.data.invoices) {
        expect(i.issuing_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Number.isInteger(i.total_amount_cents)).toBe(true);
      }
      for (const e of fake.data.events) expect(e.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    });

    test('deterministic: same seed, same data; another seed, other data', async () => {
      const a = await startFakeLago({ seed: 42 });
      const b = await startFakeLago({ seed: 42 });
      const c = await startFakeLago({ seed: 43 });
      try {
        for (const [path, root] of [['/customers', 'customers'], ['/invoices', 'invoices'], ['/events', 'events'], [`/subscriptions?${ALL_STATUSES}`, 'subscriptions'], ['/fees', 'fees']] as const) {
          const ra = await all(a, path, root);
          expect(await all(b, path, root)).toEqual(ra);
          expect(await all(c, path, root)).not.toEqual(ra);
        }
        expect(JSON.stringify(b.data)).toBe(JSON.stringify(a.data));
      } finally {
        await Promise.all([a.stop(), b.stop(), c.stop()]);
      }
    });

    test('a test can add and remove records between syncs', async () => {
      const own = await startFakeLago();
      try {
        const before = await all(own, '/customers', 'customers');
        const added = { ...own.data.customers[0], lago_id: '00000000-0000-4000-8000-000000000001', external_id: 'new.customer', created_at: '2026-11-21T00:00:00Z' };
        own.data.customers.push(added);
        own.data.customers.splice(3, 1);
        const after = await all(own, '/customers', 'customers');
        expect(after).toHaveLength(before.length);
        expect(after[0]?.external_id).toBe('new.customer');
        expect(after.some((c) => c.lago_id === before[3]?.lago_id)).toBe(false);
        expect((await get(own, `/customers/${encodeId('new.customer')}/wallets`)).status).toBe(200);
      } finally {
        await own.stop();
      }
    });
  });

  describe('filters', () => {
    test('subscriptions: only active without status[]; status[] for the others; plain status ignored', async () => {
      const dflt = await all(fake, '/subscriptions', 'subscriptions');
      expect(dflt.length).toBeGreaterThan(0);
      expect(dflt.every((s) => s.status === 'active')).toBe(true);
      expect(dflt).toHaveLength(fake.data.subscriptions.filter((s) => s.status === 'active').length);
      const plain = await all(fake, '/subscriptions?status=terminated', 'subscriptions');
      expect(plain).toEqual(dflt);
      const every = await all(fake, `/subscriptions?${ALL_STATUSES}`, 'subscriptions');
      expect(every).toHaveLength(fake.data.subscriptions.length);
      for (let k = 1; k < every.length; k++) expect(ms(every[k - 1]?.subscription_at)).toBeGreaterThanOrEqual(ms(every[k]?.subscription_at));
      const two = await all(fake, '/subscriptions?status[]=terminated&status[]=canceled', 'subscriptions');
      expect(two.length).toBeGreaterThan(0);
      expect(two.every((s) => s.status === 'terminated' || s.status === 'canceled')).toBe(true);
      const s0 = every[0] as LagoRecord;
      const byCustomer = await all(fake, `/subscriptions?${ALL_STATUSES}&external_customer_id=${encodeURIComponent(String(s0.external_customer_id))}`, 'subscriptions');
      expect(byCustomer.length).toBeGreaterThan(0);
      expect(byCustomer.every((s) => s.external_customer_id === s0.external_customer_id)).toBe(true);
      const byPlan = await all(fake, `/subscriptions?${ALL_STATUSES}&plan_code=${String(s0.plan_code)}`, 'subscriptions');
      expect(byPlan).toHaveLength(fake.data.subscriptions.filter((s) => s.plan_code === s0.plan_code).length);
    });

    // app/queries/subscriptions_query.rb and the index's default (v1.30.0, v1.32.0, v1.45.2, HEAD): blank → active;
    // an unknown value → active only up to v1.31, no filter from v1.32; `incomplete` is a status since v1.45.2.
    test.each([
      ['1.30.0', { unknown: 'active only', incompleteServed: false }],
      ['1.40.0', { unknown: 'every status', incompleteServed: false }],
      ['1.45.2', { unknown: 'every status', incompleteServed: true }],
      ['HEAD', { unknown: 'every status', incompleteServed: true }],
    ] as const)('subscriptions: status[] at Lago %s', async (lagoVersion, expected) => {
      const v = new FakeLago({ lagoVersion });
      await v.start();
      try {
        const subs = v.data.subscriptions;
        expect(subs.some((s) => s.status === 'incomplete')).toBe(true);
        const served = expected.incompleteServed ? subs : subs.filter((s) => s.status !== 'incomplete');
        const ids = (rs: LagoRecord[]) => rs.map((s) => String(s.lago_id)).sort();
        const active = ids(subs.filter((s) => s.status === 'active'));
        expect(ids(await all(v, '/subscriptions', 'subscriptions'))).toEqual(active);
        const unknown = ids(await all(v, '/subscriptions?status[]=active&status[]=bogus', 'subscriptions'));
        expect(unknown).toEqual(expected.unknown === 'active only' ? active : ids(served));
        const withIncomplete = ids(await all(v, '/subscriptions?status[]=active&status[]=incomplete', 'subscriptions'));
        if (expected.incompleteServed) expect(withIncomplete).toEqual(ids(subs.filter((s) => s.status === 'active' || s.status === 'incomplete')));
        else expect(withIncomplete).toEqual(unknown); // `incomplete` is not a status yet
        const four = ids(await all(v, '/subscriptions?status[]=active&status[]=pending&status[]=terminated&status[]=canceled', 'subscriptions'));
        expect(four).toEqual(ids(subs.filter((s) => s.status !== 'incomplete')));
      } finally {
        await v.stop();
      }
    });

    test('invoices: statuses, payment statuses, issuing date range, customer; issuing_date DESC', async () => {
      const everything = await all(fake, '/invoices', 'invoices');
      expect(everything).toHaveLength(fake.data.invoices.length);
      for (let k = 1; k < everything.length; k++) expect(String(everything[k - 1]?.issuing_date) >= String(everything[k]?.issuing_date)).toBe(true);
      const fin = await all(fake, '/invoices?statuses[]=finalized&statuses[]=voided', 'invoices');
      expect(fin).toHaveLength(fake.data.invoices.filter((i) => i.status === 'finalized' || i.status === 'voided').length);
      const draft = await all(fake, '/invoices?status=draft', 'invoices');
      expect(draft.length).toBeGreaterThan(0);
      expect(draft.every((i) => i.status === 'draft')).toBe(true);
      const paid = await all(fake, '/invoices?payment_statuses[]=succeeded', 'invoices');
      expect(paid.length).toBeGreaterThan(0);
      expect(paid.every((i) => i.payment_status === 'succeeded')).toBe(true);
      expect(await all(fake, '/invoices?payment_status=succeeded', 'invoices')).toEqual(paid);
      const mid = everything[Math.floor(everything.length / 2)] as LagoRecord;
      const last = everything[Math.floor(everything.length / 4)] as LagoRecord;
      const from = String(mid.issuing_date);
      const to = String(last.issuing_date);
      const ranged = await all(fake, `/invoices?issuing_date_from=${from}&issuing_date_to=${to}`, 'invoices');
      expect(ranged).toEqual(everything.filter((i) => String(i.issuing_date) >= from && String(i.issuing_date) <= to));
      expect(ranged.some((i) => i.issuing_date === from) && ranged.some((i) => i.issuing_date === to)).toBe(true);
      // an invalid date is silently ignored
      expect(await all(fake, '/invoices?issuing_date_from=2025-13-45', 'invoices')).toEqual(everything);
      expect(await all(fake, '/invoices?issuing_date_to=yesterday', 'invoices')).toEqual(everything);
      const cid = String((mid.customer as LagoRecord).external_id);
      const mine = await all(fake, `/invoices?external_customer_id=${encodeURIComponent(cid)}`, 'invoices');
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((i) => (i.customer as LagoRecord).external_id === cid)).toBe(true);
    });

    test('events: subscription, code, inclusive timestamp range, 422 on a bad date; timestamp DESC', async () => {
      const everything = await all(fake, '/events', 'events');
      expect(everything).toHaveLength(250);
      for (let k = 1; k < everything.length; k++) expect(ms(everything[k - 1]?.timestamp)).toBeGreaterThanOrEqual(ms(everything[k]?.timestamp));
      const e0 = everything[10] as LagoRecord;
      const bySub = await all(fake, `/events?external_subscription_id=${String(e0.external_subscription_id)}`, 'events');
      expect(bySub).toEqual(everything.filter((e) => e.external_subscription_id === e0.external_subscription_id));
      const byCode = await all(fake, `/events?code=${String(e0.code)}`, 'events');
      expect(byCode).toEqual(everything.filter((e) => e.code === e0.code));
      const hi = String(everything[20]?.timestamp);
      const lo = String(everything[60]?.timestamp);
      const ranged = await all(fake, `/events?timestamp_from=${lo}&timestamp_to=${hi}`, 'events');
      expect(ranged).toEqual(everything.slice(20, 61));
      const bad = await get(fake, '/events?timestamp_from=not-a-date');
      expect(bad.status).toBe(422);
      expect(bad.body).toMatchObject({ status: 422, error: 'Unprocessable Entity', code: 'validation_errors', error_details: { timestamp_from: ['invalid_date'] } });
    });

    test('fees: customer, subscription, fee_type, created_at range; created_at ascending', async () => {
      const everything = await all(fake, '/fees', 'fees');
      expect(everything).toHaveLength(fake.data.fees.length);
      for (let k = 1; k < everything.length; k++) expect(ms(everything[k - 1]?.created_at)).toBeLessThanOrEqual(ms(everything[k]?.created_at));
      const f0 = everything.find((f) => f.external_subscription_id !== null) as LagoRecord;
      expect(await all(fake, `/fees?external_customer_id=${encodeURIComponent(String(f0.external_customer_id))}`, 'fees')).toEqual(
        everything.filter((f) => f.external_customer_id === f0.external_customer_id),
      );
      expect(await all(fake, `/fees?external_subscription_id=${String(f0.external_subscription_id)}`, 'fees')).toEqual(
        everything.filter((f) => f.external_subscription_id === f0.external_subscription_id),
      );
      const charges = await all(fake, '/fees?fee_type=charge', 'fees');
      expect(charges.length).toBeGreaterThan(0);
      expect(charges.every((f) => (f.item as LagoRecord).type === 'charge')).toBe(true);
      const from = String(everything[10]?.created_at);
      const to = String(everything[30]?.created_at);
      expect(await all(fake, `/fees?created_at_from=${from}&created_at_to=${to}`, 'fees')).toEqual(everything.slice(10, 31));
      // lago-api's parse_datetime_filter: fractional seconds, and 422 invalid_date for what DateTime.iso8601 refuses.
      const endOfSecond = to.replace('Z', '.999999Z');
      expect(await all(fake, `/fees?created_at_from=${to}&created_at_to=${endOfSecond}`, 'fees')).toEqual(everything.filter((f) => f.created_at === to));
      for (const bad of ['not-a-date', '']) {
        const answer = await get(fake, `/fees?created_at_to=${bad}`);
        expect(answer.status).toBe(422);
        expect(answer.body).toMatchObject({ code: 'validation_errors', error_details: { created_at_to: ['invalid_date'] } });
      }
    });

    test('credit notes: customer and issuing date range', async () => {
      const everything = await all(fake, '/credit_notes', 'credit_notes');
      const c0 = everything[2] as LagoRecord;
      const d = String(c0.issuing_date);
      expect(await all(fake, `/credit_notes?issuing_date_from=${d}&issuing_date_to=${d}`, 'credit_notes')).toEqual(everything.filter((c) => c.issuing_date === d));
      const cid = String((c0.customer as LagoRecord).external_id);
      expect(await all(fake, `/credit_notes?external_customer_id=${encodeURIComponent(cid)}`, 'credit_notes')).toEqual(
        everything.filter((c) => (c.customer as LagoRecord).external_id === cid),
      );
    });

    test('applied coupons, payment requests, payments', async () => {
      const ac = await all(fake, '/applied_coupons', 'applied_coupons');
      const a0 = ac[0] as LagoRecord;
      expect(await all(fake, `/applied_coupons?external_customer_id=${encodeURIComponent(String(a0.external_customer_id))}`, 'applied_coupons')).toEqual(
        ac.filter((a) => a.external_customer_id === a0.external_customer_id),
      );
      expect(await all(fake, `/applied_coupons?status=${String(a0.status)}`, 'applied_coupons')).toEqual(ac.filter((a) => a.status === a0.status));
      const prs = await all(fake, '/payment_requests', 'payment_requests');
      const pcid = String((prs[0]?.customer as LagoRecord).external_id);
      expect(await all(fake, `/payment_requests?external_customer_id=${encodeURIComponent(pcid)}`, 'payment_requests')).toEqual(
        prs.filter((p) => (p.customer as LagoRecord).external_id === pcid),
      );
      const pays = await all(fake, '/payments', 'payments');
      const p0 = pays[0] as LagoRecord;
      expect(await all(fake, `/payments?external_customer_id=${encodeURIComponent(String(p0.external_customer_id))}`, 'payments')).toEqual(
        pays.filter((p) => p.external_customer_id === p0.external_customer_id),
      );
      const inv = (p0.invoice_ids as string[])[0] as string;
      expect(await all(fake, `/payments?invoice_id=${inv}`, 'payments')).toEqual(pays.filter((p) => (p.invoice_ids as string[]).includes(inv)));
    });

    test('wallets: org-wide, by customer, per-customer path; wallet transactions', async () => {
      const everything = await all(fake, '/wallets', 'wallets');
      expect(everything).toHaveLength(fake.data.wallets.length);
      const w0 = everything[0] as LagoRecord;
      const cid = String(w0.external_customer_id);
      const expected = everything.filter((w) => w.external_customer_id === cid);
      expect(await all(fake, `/wallets?external_customer_id=${encodeURIComponent(cid)}`, 'wallets')).toEqual(expected);
      expect(await all(fake, `/customers/${encodeId(cid)}/wallets`, 'wallets')).toEqual(expected);
      expect((await get(fake, '/customers/nobody/wallets')).body).toEqual({ status: 404, error: 'Not Found', code: 'customer_not_found' });
      const txs = await all(fake, `/wallets/${String(w0.lago_id)}/wallet_transactions`, 'wallet_transactions');
      expect(txs).toHaveLength(4);
      expect(txs.every((t) => t.lago_wallet_id === w0.lago_id)).toBe(true);
      const inbound = await all(fake, `/wallets/${String(w0.lago_id)}/wallet_transactions?transaction_type=inbound`, 'wallet_transactions');
      expect(inbound).toEqual(txs.filter((t) => t.transaction_type === 'inbound'));
      const missing = await get(fake, '/wallets/00000000-0000-4000-8000-000000000000/wallet_transactions');
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ status: 404, error: 'Not Found', code: 'wallet_not_found' });
    });

    test('wallets: an old Lago refuses the org-wide list', async () => {
      const old = await startFakeLago({ walletsOrgWide: false });
      try {
        const r = await get(old, '/wallets');
        expect(r.status).toBe(404);
        expect(r.body).toEqual({ status: 404, error: 'Not Found', code: 'customer_not_found' });
        const cid = String(old.data.wallets[0]?.external_customer_id);
        expect((await get(old, `/wallets?external_customer_id=${encodeURIComponent(cid)}`)).status).toBe(200);
        expect((await get(old, `/customers/${encodeId(cid)}/wallets`)).status).toBe(200);
      } finally {
        await old.stop();
      }
    });

    test('current usage: 200 for an active pair, 405 otherwise, 404 for an unknown customer; dotted ids via %2E', async () => {
      const active = fake.data.subscriptions.filter((s) => s.status === 'active');
      const dotted = active.find((s) => String(s.external_customer_id).includes('.')) ?? active[0];
      for (const s of [active[0], dotted] as LagoRecord[]) {
        const r = await get(fake, `/customers/${encodeId(String(s.external_customer_id))}/current_usage?external_subscription_id=${String(s.external_id)}`);
        expect(r.status).toBe(200);
        expect(Object.keys(r.body)).toEqual(['customer_usage']);
        const u = r.body.customer_usage as LagoRecord;
        expect(u.from_datetime).toBe(s.current_billing_period_started_at);
        expect(Array.isArray(u.charges_usage)).toBe(true);
      }
      const notActive = fake.data.subscriptions.filter((s) => s.status !== 'active');
      expect(notActive.length).toBeGreaterThan(0);
      for (const s of notActive) {
        const r = await get(fake, `/customers/${encodeId(String(s.external_customer_id))}/current_usage?external_subscription_id=${String(s.external_id)}`);
        expect(r.status).toBe(405);
        expect(r.body).toEqual({ status: 405, error: 'Method Not Allowed', code: 'no_active_subscription' });
      }
      // an active subscription of another customer
      const other = fake.data.customers.find((c) => c.external_id !== active[0]?.external_customer_id) as LagoRecord;
      expect((await get(fake, `/customers/${encodeId(String(other.external_id))}/current_usage?external_subscription_id=${String(active[0]?.external_id)}`)).status).toBe(405);
      const unknown = await get(fake, `/customers/nobody/current_usage?external_subscription_id=${String(active[0]?.external_id)}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ status: 404, error: 'Not Found', code: 'customer_not_found' });
    });

    test('past usage: paginated usage_periods; unknown customer is an empty 200', async () => {
      const s = fake.data.subscriptions.find((x) => x.status === 'terminated') as LagoRecord;
      const path = `/customers/${encodeId(String(s.external_customer_id))}/past_usage?external_subscription_id=${String(s.external_id)}`;
      const periods = await all(fake, path, 'usage_periods');
      expect(periods.length).toBeGreaterThan(0);
      const two = await list(fake, `${path}&per_page=2`, 'usage_periods');
      expect(two.items).toEqual(periods.slice(0, 2));
      expect(two.meta.total_count).toBe(periods.length);
      const limited = await all(fake, `${path}&periods_count=1`, 'usage_periods');
      expect(limited).toEqual(periods.slice(0, 1));
      const none = await get(fake, `/customers/nobody/past_usage?external_subscription_id=${String(s.external_id)}`);
      expect(none.status).toBe(200);
      expect(none.body).toEqual({ usage_periods: [], meta: { current_page: 0, next_page: null, prev_page: null, total_pages: 0, total_count: 0 } });
    });
  });

  describe('faults and latency', () => {
    test('429 with Retry-After for `times` requests, then normal', async () => {
      fake.addFault({ path: '/api/v1/invoices', times: 2, status: 429, headers: { 'Retry-After': '1' } });
      const a = await get(fake, '/invoices');
      expect(a.status).toBe(429);
      expect(a.headers.get('retry-after')).toBe('1');
      expect((await get(fake, '/invoices')).status).toBe(429);
      expect((await get(fake, '/invoices')).status).toBe(200);
      expect(fake.requests.slice(-3).map((r) => r.status)).toEqual([429, 429, 200]);
    });

    test('custom body, regexp path, method and `when` matching', async () => {
      fake.addFault({ path: /\/customers\/[^/]+\/current_usage$/, method: 'GET', status: 500, body: { boom: true }, when: ({ query }) => query.get('external_subscription_id') === 'x' });
      const hit = await get(fake, '/customers/a/current_usage?external_subscription_id=x');
      expect(hit.status).toBe(500);
      expect(hit.body).toEqual({ boom: true });
      expect((await get(fake, '/customers/nobody/current_usage?external_subscription_id=y')).status).toBe(404);
      fake.addFault({ path: '/api/v1/taxes', method: 'POST', status: 503 });
      expect((await get(fake, '/taxes')).status).toBe(200);
    });

    test('resetConnection, truncateBody, notJson', async () => {
      fake.addFault({ path: '/api/v1/plans', times: 1, resetConnection: true });
      await expect(fetch(`${fake.url}/plans`, { headers: { authorization: `Bearer ${fake.apiKey}` } })).rejects.toThrow();
      fake.addFault({ path: '/api/v1/plans', times: 1, truncateBody: true });
      await expect(
        fetch(`${fake.url}/plans`, { headers: { authorization: `Bearer ${fake.apiKey}` } }).then((r) => r.json()),
      ).rejects.toThrow();
      fake.addFault({ path: '/api/v1/plans', times: 1, notJson: true, status: 502 });
      const res = await fetch(`${fake.url}/plans`, { headers: { authorization: `Bearer ${fake.apiKey}` } });
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).toMatch(/^<!DOCTYPE html>/);
      expect((await get(fake, '/plans')).status).toBe(200);
    });

    test('delayMs, latencyMs and clearFaults', async () => {
      fake.addFault({ path: '/api/v1/taxes', delayMs: 150 });
      let t = Date.now();
      expect((await get(fake, '/taxes')).status).toBe(200);
      expect(Date.now() - t).toBeGreaterThanOrEqual(140);
      fake.clearFaults();
      fake.latencyMs = 100;
      t = Date.now();
      await get(fake, '/taxes');
      expect(Date.now() - t).toBeGreaterThanOrEqual(90);
    });
  });

  describe('scale', () => {
    test('a million events and customers: lazy generation, fast pages, ranges, inserts', async () => {
      const big = await startFakeLago({ counts: { events: 1_000_000, customers: 1_000_000 } });
      try {
        const t = Date.now();
        const p1 = await list(big, '/events?per_page=100', 'events');
        const p5000 = await list(big, '/events?per_page=100&page=5000', 'events');
        expect(p1.meta.total_count).toBe(1_000_000);
        expect(p5000.items).toHaveLength(100);
        const range = await list(big, '/events?timestamp_from=2026-03-01T00:00:00Z&timestamp_to=2026-03-01T23:59:59.999Z', 'events');
        expect(range.items.length).toBeGreaterThan(0);
        expect(range.items.every((e) => String(e.timestamp).startsWith('2026-03-01'))).toBe(true);
        const c = await list(big, '/customers?page=9000', 'customers');
        expect(c.items).toHaveLength(100);
        expect(Date.now() - t).toBeLessThan(5_000);
        const cust = big.data.customers[123_456] as LagoRecord;
        expect((await get(big, `/customers/${encodeId(String(cust.external_id))}/wallets`)).status).toBe(200);
        big.data.events.push({ ...(big.data.events[0] as LagoRecord), transaction_id: 'late-1', timestamp: '2026-03-01T12:00:00.000Z' });
        const again = await all(big, '/events?timestamp_from=2026-03-01T12:00:00Z&timestamp_to=2026-03-01T12:00:00Z', 'events');
        expect(again.map((e) => e.transaction_id)).toEqual(['late-1']);
        expect(big.data.events.length).toBe(1_000_001);
      } finally {
        await big.stop();
      }
    });
  });

  describe('schemas', () => {
    const streams: [string, string, string][] = [
      ['customers', '/customers', 'customers'],
      ['subscriptions', `/subscriptions?${ALL_STATUSES}`, 'subscriptions'],
      ['invoices', '/invoices', 'invoices'],
      ['billable_metrics', '/billable_metrics', 'billable_metrics'],
      ['plans', '/plans', 'plans'],
      ['events', '/events', 'events'],
      ['coupons', '/coupons', 'coupons'],
      ['add_ons', '/add_ons', 'add_ons'],
      ['fees', '/fees', 'fees'],
      ['credit_notes', '/credit_notes', 'credit_notes'],
      ['wallets', '/wallets', 'wallets'],
      ['applied_coupons', '/applied_coupons', 'applied_coupons'],
      ['taxes', '/taxes', 'taxes'],
      ['payment_requests', '/payment_requests', 'payment_requests'],
      ['payments', '/payments', 'payments'],
      ['webhook_endpoints', '/webhook_endpoints', 'webhook_endpoints'],
    ];
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validators = new Map<string, ValidateFunction>();
    const validator = (stream: string): ValidateFunction | undefined => {
      const file = new URL(`${stream}.json`, SCHEMAS_DIR);
      if (!existsSync(file)) return undefined;
      let v = validators.get(stream);
      if (!v) {
        v = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
        validators.set(stream, v);
      }
      return v;
    };
    const check = (stream: string, records: LagoRecord[]): void => {
      const v = validator(stream);
      if (!v) return; // no schema yet for this stream
      const problems: string[] = [];
      for (const r of records) if (!v(r)) problems.push(`${stream} ${JSON.stringify(v.errors?.slice(0, 3))}`);
      expect(problems.slice(0, 5)).toEqual([]);
    };

    test.each([1, 2, 3])('every record of every endpoint is valid (seed %i)', async (seed) => {
      const s = seed === 7 ? fake : await startFakeLago({ seed });
      try {
        for (const [stream, path, root] of streams) {
          const records = await all(s, path, root);
          expect(records.length).toBeGreaterThan(0);
          check(stream, records);
        }
        check('billing_entities', (await get(s, '/billing_entities')).body.billing_entities as LagoRecord[]);
        const txs: LagoRecord[] = [];
        for (const w of s.data.wallets) txs.push(...(await all(s, `/wallets/${String(w.lago_id)}/wallet_transactions`, 'wallet_transactions')));
        expect(txs.length).toBeGreaterThan(0);
        check('wallet_transactions', txs);
        const usage: LagoRecord[] = [];
        const past: LagoRecord[] = [];
        for (const sub of s.data.subscriptions) {
          const ids = { external_customer_id: sub.external_customer_id, external_subscription_id: sub.external_id };
          const base = `/customers/${encodeId(String(sub.external_customer_id))}`;
          if (sub.status === 'active') {
            const r = await get(s, `${base}/current_usage?external_subscription_id=${String(sub.external_id)}`);
            expect(r.status).toBe(200);
            usage.push({ ...(r.body.customer_usage as LagoRecord), ...ids });
          }
          for (const p of await all(s, `${base}/past_usage?external_subscription_id=${String(sub.external_id)}`, 'usage_periods')) past.push({ ...p, ...ids });
        }
        expect(usage.length).toBeGreaterThan(0);
        expect(past.length).toBeGreaterThan(0);
        check('customer_usage', usage);
        check('customer_usage_past', past);
      } finally {
        if (s !== fake) await s.stop();
      }
    });
  });
});

describe('fake Lago server: cacheReplies', () => {
  const OPTIONS = { seed: 11, counts: { customers: 120, subscriptions: 60 } };
  const auth = (key: string | null) => (key === null ? {} : { authorization: `Bearer ${key}` });

  /** The reply as bytes on the wire: status, body text and the headers that describe the body. */
  async function raw(f: FakeLago, path: string, key: string | null = f.apiKey) {
    const res = await fetch(`${f.url}${path}`, { headers: auth(key) });
    return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type'), length: res.headers.get('content-length') };
  }

  /** A customer newer than every other, so it heads the first page of /customers. */
  const newestCustomer = (f: FakeLago, externalId: string): LagoRecord => ({
    ...(f.data.customers[0] as LagoRecord),
    lago_id: '00000000-0000-4000-8000-00000000c0de',
    external_id: externalId,
    created_at: '2026-11-22T00:00:00Z',
  });

  let cached: FakeLago;
  let plain: FakeLago;
  beforeAll(async () => {
    cached = await startFakeLago({ ...OPTIONS, cacheReplies: true });
    plain = await startFakeLago(OPTIONS);
  });
  afterAll(async () => {
    await Promise.all([cached.stop(), plain.stop()]);
  });

  test('repeated identical GETs answer byte-identical bodies, equal to what the uncached server answers', async () => {
    const active = cached.data.subscriptions.find((s) => s.status === 'active') as LagoRecord;
    const wallet = cached.data.wallets[0] as LagoRecord;
    const paths = [
      '/customers',
      '/customers?page=2&per_page=50',
      `/subscriptions?${ALL_STATUSES}&per_page=20`,
      '/invoices?statuses[]=finalized&page=1&per_page=10',
      '/events?per_page=100&page=2',
      '/fees',
      '/billing_entities',
      `/wallets/${String(wallet.lago_id)}/wallet_transactions`,
      `/customers/${encodeId(String(active.external_customer_id))}/current_usage?external_subscription_id=${encodeURIComponent(String(active.external_id))}`,
      `/customers/${encodeId(String(active.external_customer_id))}/past_usage?external_subscription_id=${encodeURIComponent(String(active.external_id))}`,
    ];
    for (const path of paths) {
      const first = await raw(cached, path);
      const second = await raw(cached, path);
      const third = await raw(cached, path);
      const reference = await raw(plain, path);
      expect({ path, status: reference.status }).toEqual({ path, status: 200 });
      expect({ path, reply: first }).toEqual({ path, reply: reference });
      expect({ path, reply: second }).toEqual({ path, reply: reference });
      expect({ path, reply: third }).toEqual({ path, reply: reference });
    }
  });

  test('a repeated GET is served from the cache: a data change after the first GET is not seen (the uncached server sees it)', async () => {
    const a = await startFakeLago({ ...OPTIONS, cacheReplies: true });
    const b = await startFakeLago(OPTIONS);
    try {
      const beforeA = await raw(a, '/customers?per_page=10');
      const beforeB = await raw(b, '/customers?per_page=10');
      expect(beforeA).toEqual(beforeB);
      a.data.customers.push(newestCustomer(a, 'late.customer'));
      b.data.customers.push(newestCustomer(b, 'late.customer'));
      expect(await raw(a, '/customers?per_page=10')).toEqual(beforeA);
      const afterB = await raw(b, '/customers?per_page=10');
      expect(afterB.text).not.toBe(beforeB.text);
      expect((JSON.parse(afterB.text).customers as LagoRecord[])[0]?.external_id).toBe('late.customer');
      // another URL was never asked before the change: it is built from the current data
      expect((JSON.parse((await raw(a, '/customers?per_page=11')).text).customers as LagoRecord[])[0]?.external_id).toBe('late.customer');
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  test('query parameter order does not matter: the same parameters in another order hit the same entry', async () => {
    const a = await startFakeLago({ ...OPTIONS, cacheReplies: true });
    try {
      const first = await raw(a, '/customers?page=2&per_page=7');
      expect(first).toEqual(await raw(plain, '/customers?per_page=7&page=2'));
      a.data.customers.push(newestCustomer(a, 'reordered.customer'));
      // a change that shifts every page: only a cache hit can still answer the old page 2
      expect(await raw(a, '/customers?per_page=7&page=2')).toEqual(first);
      expect(await raw(a, '/customers?page=2&per_page=7')).toEqual(first);
      // other values are another entry, built from the current data
      const page1 = JSON.parse((await raw(a, '/customers?per_page=7&page=1')).text).customers as LagoRecord[];
      expect(page1[0]?.external_id).toBe('reordered.customer');
    } finally {
      await a.stop();
    }
  });

  test('non-200 replies are not cached: 405, 404 and unknown paths are answered afresh each time', async () => {
    const a = await startFakeLago({ ...OPTIONS, cacheReplies: true });
    try {
      const index = a.data.subscriptions.findIndex((s) => s.status === 'terminated');
      expect(index).toBeGreaterThanOrEqual(0);
      const sub = a.data.subscriptions[index] as LagoRecord;
      const usagePath = `/customers/${encodeId(String(sub.external_customer_id))}/current_usage?external_subscription_id=${encodeURIComponent(String(sub.external_id))}`;
      const refused = await raw(a, usagePath);
      expect(refused.status).toBe(405);
      expect(JSON.parse(refused.text).code).toBe('no_active_subscription');
      a.data.subscriptions[index] = { ...sub, status: 'active' };
      const served = await raw(a, usagePath);
      expect(served.status).toBe(200);
      // the 200, by contrast, is kept: turning the subscription back does not change the answer
      a.data.subscriptions[index] = sub;
      expect(await raw(a, usagePath)).toEqual(served);

      const unknownCustomer = '/customers/brand-new/current_usage?external_subscription_id=nothing';
      expect((await raw(a, unknownCustomer)).status).toBe(404);
      a.data.customers.push(newestCustomer(a, 'brand-new'));
      const known = await raw(a, unknownCustomer);
      expect(known.status).toBe(405);
      expect(JSON.parse(known.text).code).toBe('no_active_subscription');

      for (let k = 0; k < 2; k++) {
        const missing = await raw(a, '/nope?page=1');
        expect(missing.status).toBe(404);
        expect(JSON.parse(missing.text)).toEqual({ status: 404, error: 'Not Found', code: 'resource_not_found' });
      }
    } finally {
      await a.stop();
    }
  });

  test('auth is checked on every request: a cached URL asked with a wrong or no key is 401, and a 401 is not cached', async () => {
    const a = await startFakeLago({ ...OPTIONS, cacheReplies: true });
    try {
      const ok = await raw(a, '/plans');
      expect(ok.status).toBe(200);
      expect(await raw(a, '/plans')).toEqual(ok);
      for (const key of ['wrong-key', null]) {
        const refused = await raw(a, '/plans', key);
        expect(refused.status).toBe(401);
        expect(JSON.parse(refused.text)).toEqual({ status: 401, error: 'Unauthorized' });
      }
      const noScheme = await fetch(`${a.url}/plans`, { headers: { authorization: a.apiKey } });
      expect(noScheme.status).toBe(401);
      // a URL first asked with a wrong key: the next right-key request gets the data
      expect((await raw(a, '/taxes?per_page=2', 'wrong-key')).status).toBe(401);
      const taxes = await raw(a, '/taxes?per_page=2');
      expect(taxes.status).toBe(200);
      expect(taxes).toEqual(await raw(plain, '/taxes?per_page=2'));
      expect(a.requests.map((r) => r.status)).toEqual([200, 200, 401, 401, 401, 401, 200]);
    } finally {
      await a.stop();
    }
  });

  test('the fake CLI takes --cache-replies and serves the same bytes as an uncached server; a misspelt flag is refused', async () => {
    const cli = fileURLToPath(new URL('../dist-fake/cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, '--seed', '5', '--count', 'customers=30', '--cache-replies'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const reference = await startFakeLago({ seed: 5, counts: { customers: 30 } });
    try {
      const started = await new Promise<{ url: string; apiKey: string }>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          out += chunk;
          const newline = out.indexOf('\n');
          if (newline !== -1) resolve(JSON.parse(out.slice(0, newline)) as { url: string; apiKey: string });
        });
        child.on('close', (code) => reject(new Error(`fake CLI exited with ${String(code)} before starting`)));
      });
      expect(started.apiKey).toBe(reference.apiKey);
      for (const path of ['/customers?per_page=10', '/customers?per_page=10', '/customers?page=3&per_page=10']) {
        const res = await fetch(`${started.url}${path}`, { headers: auth(started.apiKey) });
        expect(res.status).toBe(200);
        expect(await res.text()).toBe(await (await fetch(`${reference.url}${path}`, { headers: auth(reference.apiKey) })).text());
      }
      expect((await fetch(`${started.url}/customers?per_page=10`, { headers: auth('wrong') })).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
      await reference.stop();
    }
    expect(await exited).toBe(0);

    const typo = spawn(process.execPath, [cli, '--cache-reply'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    typo.stderr.setEncoding('utf8');
    typo.stderr.on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => typo.on('close', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr).toContain('unknown argument --cache-reply');
    expect(stderr).toContain('[--cache-replies]');
  });
});

describe('fake Lago server: Lago Cloud rate limits', () => {
  const headersOf = (r: { status: number; headers: Headers }) => [r.status, r.headers.get('x-ratelimit-limit'), r.headers.get('x-ratelimit-remaining')];
  const usagePath = (f: FakeLago): string => {
    const active = f.data.subscriptions.find((s) => s.status === 'active') as LagoRecord;
    return `/customers/${encodeId(String(active.external_customer_id))}/current_usage?external_subscription_id=${encodeURIComponent(String(active.external_id))}`;
  };

  test('per window: the API and current usage count in their own buckets, every answer says where it stands, 429 past the limit', async () => {
    // An hour-long window: the test cannot straddle two of them.
    const f = await startFakeLago({ rateLimits: { perWindow: 3, currentUsagePerWindow: 2, windowMs: 3_600_000 } });
    try {
      const answers = [];
      for (let k = 0; k < 4; k++) answers.push(await get(f, '/customers'));
      expect(answers.map(headersOf)).toEqual([[200, '3', '2'], [200, '3', '1'], [200, '3', '0'], [429, '3', '0']]);
      expect(answers[3]!.body).toMatchObject({ status: 429, error: 'Too Many Requests' });
      for (const answer of answers) {
        const reset = Number(answer.headers.get('x-ratelimit-reset'));
        expect(Number.isInteger(reset) && reset >= 1 && reset <= 3600).toBe(true);
      }
      // A key refused or a fault answered still spent the organization's budget, as Lago's counter sees it.
      expect(headersOf(await get(f, '/plans', 'wrong'))).toEqual([429, '3', '0']);
      const usage = [await get(f, usagePath(f)), await get(f, usagePath(f)), await get(f, usagePath(f))];
      expect(usage.map(headersOf)).toEqual([[200, '2', '1'], [200, '2', '0'], [429, '2', '0']]);
      const health = await fetch(f.url.replace(/\/api\/v1$/, '/health'));
      expect([health.status, health.headers.get('x-ratelimit-limit')]).toEqual([200, null]);
      expect(f.rateLimiter?.refused).toEqual({ api: 2, current_usage: 1 });
      expect(f.requests.map((r) => r.status)).toEqual([200, 200, 200, 429, 429, 200, 200, 429, 200]);
    } finally {
      await f.stop();
    }
  });

  test('windows are aligned on the clock and a new one restores the budget; latency is added on top', async () => {
    const f = await startFakeLago({ rateLimits: { perWindow: 2, currentUsagePerWindow: 2, windowMs: 1000 } });
    try {
      // Windows are aligned on the clock: start right after one opens, so the three fit in it.
      await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
      const first = [await get(f, '/taxes'), await get(f, '/taxes'), await get(f, '/taxes')];
      expect(first.map(headersOf)).toEqual([[200, '2', '1'], [200, '2', '0'], [429, '2', '0']]);
      expect(first[2]!.headers.get('x-ratelimit-reset')).toBe('1');
      await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
      f.latencyMs = 60;
      const started = Date.now();
      const fresh = await get(f, '/taxes');
      expect(Date.now() - started).toBeGreaterThanOrEqual(55);
      expect(headersOf(fresh)).toEqual([200, '2', '1']);
    } finally {
      await f.stop();
    }
  });

  test('the Lago Cloud preset is 50 and 200 requests per second; without limits there are no headers', async () => {
    const f = await startFakeLago({ rateLimits: LAGO_CLOUD_LIMITS });
    const open = await startFakeLago();
    try {
      const answer = await get(f, '/customers');
      expect(answer.headers.get('x-ratelimit-limit')).toBe('50');
      expect((await get(f, usagePath(f))).headers.get('x-ratelimit-limit')).toBe('200');
      const unlimited = await Promise.all(Array.from({ length: 80 }, () => get(open, '/taxes')));
      expect(unlimited.every((r) => r.status === 200 && r.headers.get('x-ratelimit-limit') === null)).toBe(true);
    } finally {
      await Promise.all([f.stop(), open.stop()]);
    }
    expect(() => new FakeLago({ rateLimits: { perWindow: 0, currentUsagePerWindow: 200 } })).toThrow('rateLimits.perWindow must be a positive integer');
  });

  test('the fake CLI takes --rate-limits (cloud, or API,USAGE[,WINDOW_MS]) and --latency', async () => {
    const cli = fileURLToPath(new URL('../dist-fake/cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, '--rate-limits', '2,1,3600000', '--latency', '30'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      const started = await new Promise<{ url: string; apiKey: string }>((resolve, reject) => {
        child.stdout.setEncoding('utf8');
        child.stdout.once('data', (chunk: string) => resolve(JSON.parse(chunk.split('\n')[0]!) as { url: string; apiKey: string }));
        child.on('close', (code) => reject(new Error(`fake CLI exited with ${String(code)} before starting`)));
      });
      const statuses = [];
      const t = Date.now();
      for (let k = 0; k < 3; k++) statuses.push((await fetch(`${started.url}/taxes`, { headers: { authorization: `Bearer ${started.apiKey}` } })).status);
      expect(Date.now() - t).toBeGreaterThanOrEqual(85);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const bad = spawn(process.execPath, [cli, '--rate-limits', 'fast'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    bad.stderr.setEncoding('utf8');
    bad.stderr.on('data', (chunk: string) => (stderr += chunk));
    expect(await new Promise((resolve) => bad.on('close', resolve))).toBe(2);
    expect(stderr).toContain('--rate-limits needs cloud or API,USAGE[,WINDOW_MS]');
  });
});
