import { recordsOf, statusesOf, tracesOf } from './helpers/cli.js';
import { harnessPerFile } from './helpers/harness.js';

/** Every configured filter reaches Lago as the parameter Lago reads, and the records honour it. */

const fake = harnessPerFile();
const rows = (name: string) => fake.current.rows(name);

test('subscriptions: external customer id, plan code and statuses', async () => {
  const sample = rows('subscriptions').find((s) => s.status === 'terminated')!;
  const run = await fake.current.read(['subscriptions'], {
    config: { filters: { subscriptions: { external_customer_id: sample.external_customer_id, plan_code: sample.plan_code, status: ['terminated', 'canceled'] } } },
  });
  expect(run.code).toBe(0);
  const query = fake.current.requestsTo('/subscriptions')[0]!.query;
  expect(query.get('external_customer_id')).toBe(sample.external_customer_id);
  expect(query.get('plan_code')).toBe(sample.plan_code);
  expect(query.getAll('status[]').sort()).toEqual(['canceled', 'terminated']);
  const records = recordsOf(run.messages, 'subscriptions');
  const expected = rows('subscriptions').filter((s) => s.external_customer_id === sample.external_customer_id && s.plan_code === sample.plan_code && ['terminated', 'canceled'].includes(s.status));
  expect(records.map((r) => r.lago_id).sort()).toEqual(expected.map((s) => s.lago_id).sort());
  expect(records.length).toBeGreaterThan(0);
});

test('invoices: customer, statuses, payment statuses and an inclusive issuing date range', async () => {
  const sorted = [...rows('invoices')].sort((a, b) => a.issuing_date.localeCompare(b.issuing_date));
  const from = sorted[10]!.issuing_date;
  const to = sorted[40]!.issuing_date;
  const run = await fake.current.read(['invoices'], { config: { filters: { invoices: { issuing_date_from: from, issuing_date_to: to, status: ['finalized'] } } } });
  expect(run.code).toBe(0);
  // The range bounds the date slices: the first asks from `from`, the last up to `to`.
  const pages = fake.current.requestsTo('/invoices').filter((r) => r.query.get('per_page') === '100');
  expect(pages[0]!.query.get('issuing_date_from')).toBe(from);
  expect(pages.at(-1)!.query.get('issuing_date_to')).toBe(to);
  for (const page of pages) {
    expect(page.query.get('issuing_date_from')! >= from && page.query.get('issuing_date_to')! <= to).toBe(true);
    expect(page.query.getAll('statuses[]')).toEqual(['finalized']);
  }
  const expected = rows('invoices').filter((i) => i.issuing_date >= from && i.issuing_date <= to && i.status === 'finalized');
  expect(recordsOf(run.messages, 'invoices').map((r) => r.lago_id).sort()).toEqual(expected.map((i) => i.lago_id).sort());
  expect(expected.length).toBeGreaterThan(0);

  const customer = rows('invoices')[0]!.external_customer_id ?? rows('invoices')[0]!.customer?.external_id;
  const run2 = await fake.current.read(['invoices'], { config: { filters: { invoices: { external_customer_id: customer, payment_status: ['succeeded', 'pending'] } } } });
  const query2 = fake.current.requestsTo('/invoices').at(-1)!.query;
  expect(query2.get('external_customer_id')).toBe(customer);
  expect(query2.getAll('payment_statuses[]').sort()).toEqual(['pending', 'succeeded']);
  for (const record of recordsOf(run2.messages, 'invoices')) expect(['succeeded', 'pending']).toContain(record.payment_status);
});

test('events: subscription, billable metric code and an inclusive timestamp range', async () => {
  const event = rows('events')[7]!;
  const run = await fake.current.read(['events'], {
    config: { filters: { events: { external_subscription_id: event.external_subscription_id, billable_metric_code: event.code, timestamp_from: event.timestamp, timestamp_to: '2030-01-01T00:00:00Z' } } },
  });
  expect(run.code).toBe(0);
  const query = fake.current.requestsTo('/events')[0]!.query;
  expect(query.get('external_subscription_id')).toBe(event.external_subscription_id);
  expect(query.get('code')).toBe(event.code);
  expect(Date.parse(query.get('timestamp_from')!)).toBe(Date.parse(event.timestamp));
  const records = recordsOf(run.messages, 'events');
  expect(records.map((r) => r.transaction_id)).toContain(event.transaction_id);
  for (const record of records) {
    expect(record.external_subscription_id).toBe(event.external_subscription_id);
    expect(record.code).toBe(event.code);
    expect(Date.parse(record.timestamp)).toBeGreaterThanOrEqual(Date.parse(event.timestamp));
  }
});

test('customer_usage: a configured pair is read with exactly one request and no subscription listing', async () => {
  const active = rows('subscriptions').find((s) => s.status === 'active')!;
  const run = await fake.current.read(['customer_usage'], {
    config: { filters: { customer_usage: { external_customer_id: active.external_customer_id, external_subscription_id: active.external_id } } },
  });
  expect(run.code).toBe(0);
  expect(fake.current.apiRequests()).toHaveLength(1);
  expect(fake.current.apiRequests()[0]!.query.get('external_subscription_id')).toBe(active.external_id);
  const records = recordsOf(run.messages, 'customer_usage');
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ external_customer_id: active.external_customer_id, external_subscription_id: active.external_id });
});

test('customer_usage: only a customer id fans out over that customer\'s active subscriptions', async () => {
  const active = rows('subscriptions').find((s) => s.status === 'active')!;
  const run = await fake.current.read(['customer_usage'], { config: { filters: { customer_usage: { external_customer_id: active.external_customer_id } } } });
  expect(run.code).toBe(0);
  const listing = fake.current.requestsTo('/subscriptions')[0]!.query;
  expect(listing.get('external_customer_id')).toBe(active.external_customer_id);
  expect(listing.getAll('status[]')).toEqual(['active']);
  const expected = rows('subscriptions').filter((s) => s.status === 'active' && s.external_customer_id === active.external_customer_id);
  expect(recordsOf(run.messages, 'customer_usage').map((r) => r.external_subscription_id).sort()).toEqual(expected.map((s) => s.external_id).sort());
});

test('customer_usage: a subscription Lago answers 405 for is skipped and counted in a WARN log', async () => {
  const active = rows('subscriptions').filter((s) => s.status === 'active');
  const victim = active[0]!;
  fake.current.lago.addFault({
    path: /current_usage$/,
    when: ({ query }) => query.get('external_subscription_id') === victim.external_id,
    status: 405,
    body: { status: 405, error: 'Method Not Allowed', code: 'no_active_subscription' },
  });
  try {
    const run = await fake.current.read(['customer_usage']);
    expect(run.code).toBe(0);
    expect(statusesOf(run.messages, 'customer_usage')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
    expect(recordsOf(run.messages, 'customer_usage')).toHaveLength(active.length - 1);
    const warnings = run.messages.filter((m) => m.type === 'LOG' && m.log.level === 'WARN').map((m) => m.log.message);
    expect(warnings.some((w) => /customer_usage: skipped 1 .*405 no_active_subscription/.test(w))).toBe(true);
    expect(tracesOf(run.messages, 'ERROR')).toEqual([]);
  } finally {
    fake.current.lago.clearFaults();
  }
});

test('filter values are sent verbatim: braces in them are not placeholders', async () => {
  // Top-level streams (events, subscriptions) and a parent listing (customer_usage → subscriptions).
  const value = '{acme}';
  const run = await fake.current.read(['events', 'subscriptions', 'customer_usage'], {
    config: {
      filters: {
        events: { billable_metric_code: value, external_subscription_id: 'sub-{external_subscription_id}' },
        subscriptions: { external_customer_id: value, plan_code: '{plan_code}' },
        customer_usage: { external_customer_id: value },
      },
    },
  });
  expect(run.code).toBe(0);
  expect(tracesOf(run.messages, 'ERROR')).toEqual([]);
  const events = fake.current.requestsTo('/events')[0]!.query;
  expect(events.get('code')).toBe(value);
  expect(events.get('external_subscription_id')).toBe('sub-{external_subscription_id}');
  const listings = fake.current.requestsTo('/subscriptions').map((r) => r.query);
  expect(listings.length).toBeGreaterThanOrEqual(2);
  for (const listing of listings) expect(listing.get('external_customer_id')).toBe(value);
  expect(listings.some((q) => q.get('plan_code') === '{plan_code}')).toBe(true);
  for (const stream of ['events', 'subscriptions', 'customer_usage']) expect(statusesOf(run.messages, stream).at(-1)).toBe('COMPLETE');
});
