// The fake's generators follow its serializer tables (written from lago-api's source), and an older Lago's records
// lack the fields added after it.
import { FakeLago } from './server.js';
import { SERIALIZERS } from './serializers/index.js';
import { shapeAt, shapeProblems, type Fields } from './serializers/types.js';
import type { LagoRecord } from './types.js';

const COUNTS = { customers: 40, subscriptions: 80, invoices: 120, fees: 150, credit_notes: 30, payments: 40, wallets: 12, plans: 8 };

async function everyList(fake: FakeLago): Promise<Record<string, LagoRecord[]>> {
  const get = async (path: string) => (await fetch(`${fake.url}${path}`, { headers: { authorization: `Bearer ${fake.apiKey}` } })).json() as Promise<Record<string, any>>;
  const all = async (path: string, root: string) => {
    const out: LagoRecord[] = [];
    for (let page = 1; ; page++) {
      const body = await get(`${path}${path.includes('?') ? '&' : '?'}page=${page}`);
      out.push(...(body[root] as LagoRecord[]));
      if (!body.meta?.next_page) return out;
    }
  };
  const lists: Record<string, LagoRecord[]> = {};
  for (const name of Object.keys(SERIALIZERS)) {
    if (['customer_usage', 'customer_usage_past', 'wallet_transactions', 'billing_entities', 'subscriptions'].includes(name)) continue;
    lists[name] = await all(`/${name}`, name);
  }
  lists.billing_entities = (await get('/billing_entities')).billing_entities;
  lists.subscriptions = await all('/subscriptions?status[]=active&status[]=pending&status[]=terminated&status[]=canceled&status[]=incomplete', 'subscriptions');
  lists.wallet_transactions = [];
  for (const w of lists.wallets!) lists.wallet_transactions.push(...(await all(`/wallets/${w.lago_id}/wallet_transactions`, 'wallet_transactions')));
  lists.customer_usage = [];
  lists.customer_usage_past = [];
  for (const s of lists.subscriptions) {
    const c = encodeURIComponent(String(s.external_customer_id));
    const q = `external_subscription_id=${encodeURIComponent(String(s.external_id))}`;
    if (s.status === 'active') lists.customer_usage.push((await get(`/customers/${c}/current_usage?${q}`)).customer_usage);
    lists.customer_usage_past.push(...(await all(`/customers/${c}/past_usage?${q}`, 'usage_periods')));
  }
  return lists;
}

describe('serializer tables', () => {
  let fake: FakeLago;
  let lists: Record<string, LagoRecord[]>;
  beforeAll(async () => {
    fake = new FakeLago({ counts: COUNTS });
    await fake.start();
    lists = await everyList(fake);
  }, 60_000);
  afterAll(() => fake.stop());

  test.each(Object.keys(SERIALIZERS))('%s: every generated record has exactly the keys lago-api sends, nulls only where it may', (name) => {
    const fields = (SERIALIZERS as Record<string, { fields: Fields }>)[name]!.fields;
    const records = lists[name]!;
    expect(records.length).toBeGreaterThan(0);
    const problems = new Set(records.flatMap((r) => shapeProblems(r, fields).map((p) => p.replace(/\[\d+\]/g, '[]'))));
    expect([...problems]).toEqual([]);
  });

  test.each(Object.keys(SERIALIZERS))('%s: the table cites the lago-api source it was written from', (name) => {
    const { source } = (SERIALIZERS as Record<string, { source: string }>)[name]!;
    expect(source).toMatch(/app\//);
  });
});

test('shapeAt leaves out fields added after the version, at every depth', () => {
  const fields: Fields = { a: {}, b: { since: '1.40.0' }, c: { object: { d: { since: '1.35.0' }, e: {} } }, f: { array: { g: { since: '1.20.0' } } }, h: { until: '1.7.0' } };
  const record = { a: 1, b: 2, c: { d: 3, e: 4 }, f: [{ g: 5 }], h: 6 };
  expect(shapeAt(record, fields, '1.30.0')).toEqual({ a: 1, c: { e: 4 }, f: [{ g: 5 }] });
  expect(shapeAt(record, fields, '1.10.0')).toEqual({ a: 1, c: { e: 4 }, f: [{}] });
  expect(shapeAt(record, fields, '1.6.0')).toEqual({ a: 1, c: { e: 4 }, f: [{}], h: 6 });
});

test('a fake of an older Lago serves records without the later fields', async () => {
  const old = new FakeLago({ lagoVersion: '1.20.0' });
  await old.start();
  try {
    const body = (await (await fetch(`${old.url}/invoices`, { headers: { authorization: `Bearer ${old.apiKey}` } })).json()) as { invoices: LagoRecord[] };
    const invoice = body.invoices[0]!;
    expect(invoice).toHaveProperty('lago_id');
    // total_due_amount_cents: v1.22.0 (app/serializers/v1/invoice_serializer.rb)
    expect(invoice).not.toHaveProperty('total_due_amount_cents');
  } finally {
    await old.stop();
  }
});
