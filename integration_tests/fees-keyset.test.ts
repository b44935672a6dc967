import { randomUUID } from 'node:crypto';
import { ofType, recordsOf, statusesOf, tracesOf } from './helpers/cli.js';
import { Harness, SECRET_KEY } from './helpers/harness.js';
import { expectInvariants } from './helpers/invariants.js';

/**
 * Fees are read by keyset on created_at (src/streams/keyset.ts), because lago-api refreshes a draft
 * invoice by deleting its fees and inserting new ones (new ids, created_at = the invoice's:
 * app/services/invoices/refresh_draft_service.rb), which shifts later fees onto pages already read.
 */

type Row = Record<string, any>;
const FEES = 5 * 100;
const ms = (value: string) => Date.parse(value);
const isoSecond = (time: number) => new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');

let harness: Harness;
afterEach(() => harness?.stop());

const start = async (options: Parameters<typeof Harness.start>[0] = {}) => {
  harness = await Harness.start({ counts: { fees: FEES }, ...options });
  return harness;
};
const fees = () => harness.lago.data.fees as Row[];
const sorted = () => [...fees()].sort((a, b) => ms(a.created_at) - ms(b.created_at));

/** What lago-api's refresh does to a draft invoice's fees; the refreshed invoice lost a charge since (one fee fewer). */
function refreshDraft(invoice: Row): { removed: string[]; added: string[] } {
  const list = fees();
  const old = list.filter((fee) => fee.lago_invoice_id === invoice.lago_id);
  for (let index = list.length - 1; index >= 0; index -= 1) if (list[index]!.lago_invoice_id === invoice.lago_id) list.splice(index, 1);
  const renewed = old.slice(1).map((fee) => ({ ...fee, lago_id: randomUUID(), created_at: invoice.created_at }));
  list.push(...renewed);
  return { removed: old.map((fee) => fee.lago_id), added: renewed.map((fee) => fee.lago_id) };
}

/** Invoices all of whose fees lie among the first `before` fees of the list: refreshing them shifts what follows. */
function draftsBefore(before: number, count: number): Row[] {
  const order = sorted().map((fee) => fee.lago_id);
  const position = new Map(order.map((id, index) => [id, index]));
  const invoices = harness.lago.data.invoices as Row[];
  return invoices
    .filter((invoice) => {
      const own = fees().filter((fee) => fee.lago_invoice_id === invoice.lago_id);
      return own.length >= 2 && own.every((fee) => position.get(fee.lago_id)! < before) && ms(invoice.created_at) < ms(sorted()[before]!.created_at);
    })
    .slice(0, count);
}

/** Refreshes `drafts` just before the fake answers the `at`-th request for fees; what changed is recorded. */
function refreshDuringRead(drafts: Row[], at: number) {
  const changes = { removed: new Set<string>(), added: new Set<string>() };
  let requests = 0;
  harness.lago.beforeReply = ({ path }) => {
    if (!path.endsWith('/fees')) return;
    requests += 1;
    if (requests !== at) return;
    for (const draft of drafts) {
      const { removed, added } = refreshDraft(draft);
      removed.forEach((id) => changes.removed.add(id));
      added.forEach((id) => changes.added.add(id));
    }
  };
  return changes;
}

/** The list read by page number, one page after the other, as a plain paginator would. */
async function readByPageNumber(): Promise<string[]> {
  const ids: string[] = [];
  for (let page: number | null = 1; page !== null; ) {
    const response = await fetch(`${harness.lago.url}/fees?page=${page}&per_page=100`, { headers: { authorization: `Bearer ${SECRET_KEY}` } });
    const body = (await response.json()) as { fees: Row[]; meta: { next_page: number | null } };
    ids.push(...body.fees.map((fee) => fee.lago_id));
    page = body.meta.next_page;
  }
  return ids;
}

const emitted = (run: Awaited<ReturnType<Harness['read']>>) => recordsOf(run.messages, 'fees').map((fee: Row) => fee.lago_id as string);
const logs = (run: Awaited<ReturnType<Harness['read']>>) => ofType(run.messages, 'LOG').map((m) => m.log.message as string);

describe('draft invoices refreshed during a full refresh of fees', () => {
  test('control: the same refreshes make a page-number read skip fees that existed throughout', async () => {
    await start();
    const initial = fees().map((fee) => fee.lago_id);
    const changes = refreshDuringRead(draftsBefore(150, 3), 3);
    const seen = new Set(await readByPageNumber());
    const missed = initial.filter((id) => !changes.removed.has(id) && !seen.has(id));
    expect(changes.removed.size).toBeGreaterThan(0);
    expect(missed.length).toBeGreaterThan(0);
  });

  test('the keyset read emits every fee that existed throughout, once', async () => {
    await start();
    const initial = fees().map((fee) => fee.lago_id);
    const changes = refreshDuringRead(draftsBefore(150, 3), 3);
    const run = await harness.read(['fees']);
    expectInvariants(run, ['fees']);
    expect(run.code).toBe(0);
    const ids = emitted(run);
    expect(changes.removed.size).toBeGreaterThan(0);
    expect(ids.filter((id) => !initial.includes(id) && !changes.added.has(id))).toEqual([]);
    expect(initial.filter((id) => !changes.removed.has(id) && !ids.includes(id))).toEqual([]);
    expect(tracesOf(run.messages, 'ESTIMATE').map((t) => t.estimate.row_estimate)).toEqual([FEES]);
    // Each request after the first starts at the last second seen, always on page 1.
    const requests = harness.requestsTo('/fees');
    expect(requests[0]!.query.has('created_at_from')).toBe(false);
    for (const [index, request] of requests.entries()) {
      expect(request.query.get('page')).toBe('1');
      if (index > 0) expect(ms(request.query.get('created_at_from')!)).toBeGreaterThan(ms(requests[index - 1]!.query.get('created_at_from') ?? '1970-01-01T00:00:00Z'));
    }
  });
});

describe('more fees in one second than a page (a refreshed draft shares its invoice created_at)', () => {
  /** 250 fees of one draft invoice at one second, just after the 150th fee; the draft is refreshed before the `at`-th request. */
  function tieGroup(at: number) {
    const order = sorted();
    const second = ms(order[149]!.created_at) + 1000;
    expect(second).toBeLessThan(ms(order[150]!.created_at));
    const draft = { lago_id: randomUUID(), created_at: isoSecond(second) };
    fees().push(...order.slice(0, 250).map((fee) => ({ ...fee, lago_id: randomUUID(), lago_invoice_id: draft.lago_id, created_at: draft.created_at })));
    const changes = refreshDuringRead([draft], at);
    return { second, changes };
  }

  test('lago-api sets no max per_page: the second is read in one answer, whole, even while its draft is refreshed', async () => {
    await start({ perPageCap: Number.POSITIVE_INFINITY });
    const { second, changes } = tieGroup(4);
    const initial = fees().map((fee) => fee.lago_id);
    const run = await harness.read(['fees']);
    expectInvariants(run, ['fees']);
    expect(run.code).toBe(0);
    const ids = emitted(run);
    expect(initial.filter((id) => !changes.removed.has(id) && !ids.includes(id))).toEqual([]);
    expect(changes.added.size).toBe(249);
    expect([...changes.added].filter((id) => !ids.includes(id))).toEqual([]);
    const window = harness.requestsTo('/fees').filter((r) => r.query.has('created_at_to'));
    expect(window).toHaveLength(1);
    expect(window[0]!.query.get('created_at_from')).toBe(isoSecond(second));
    expect(window[0]!.query.get('created_at_to')).toBe(isoSecond(second).replace('Z', '.999999Z'));
    expect(Number(window[0]!.query.get('per_page'))).toBeGreaterThan(250);
    expect(logs(run).some((message) => /page number/.test(message))).toBe(false);
  });

  test('a server capping per_page: the second is read page by page, with a notice saying what that risks', async () => {
    await start();
    tieGroup(Number.POSITIVE_INFINITY);
    const initial = fees().map((fee) => fee.lago_id);
    const run = await harness.read(['fees']);
    expectInvariants(run, ['fees']);
    expect(run.code).toBe(0);
    expect(emitted(run).sort()).toEqual(initial.sort());
    expect(logs(run).some((message) => /per page where .* were asked.*read by page number/.test(message))).toBe(true);
  });
});

test('a server ignoring created_at_from: transient_error, no loop', async () => {
  await start();
  const first = await fetch(`${harness.lago.url}/fees?page=1&per_page=100`, { headers: { authorization: `Bearer ${SECRET_KEY}` } });
  harness.lago.addFault({ path: '/api/v1/fees', when: ({ query }) => query.has('created_at_from'), status: 200, body: await first.json() });
  harness.lago.requests.length = 0;
  const run = await harness.read(['fees']);
  expectInvariants(run, ['fees']);
  expect(run.code).toBe(1);
  const [error] = tracesOf(run.messages, 'ERROR').map((t) => t.error);
  expect(error).toMatchObject({ failure_type: 'transient_error', stream_descriptor: { name: 'fees' } });
  expect(error.message).toMatch(/does not apply created_at_from/);
  expect(harness.requestsTo('/fees')).toHaveLength(2);
  expect(statusesOf(run.messages, 'fees').at(-1)).toBe('INCOMPLETE');
});

test('filters: the customer and an inclusive created_at range (fractional seconds) hold on every request', async () => {
  await start();
  const order = sorted();
  const from = new Date(ms(order[50]!.created_at) + 500).toISOString();
  const to = order[420]!.created_at as string;
  const inRange = (fee: Row) => ms(fee.created_at) >= ms(from) && ms(fee.created_at) <= ms(to);
  const run = await harness.read(['fees'], { config: { filters: { fees: { created_at_from: from, created_at_to: to } } } });
  expectInvariants(run, ['fees']);
  expect(emitted(run).sort()).toEqual(order.filter(inRange).map((fee) => fee.lago_id).sort());
  const requests = harness.requestsTo('/fees');
  expect(requests.length).toBeGreaterThan(3);
  expect(requests[0]!.query.get('created_at_from')).toBe(from);
  for (const request of requests) {
    expect(ms(request.query.get('created_at_from')!)).toBeGreaterThanOrEqual(ms(from));
    expect(request.query.get('created_at_to')).toBe(to);
  }

  harness.lago.requests.length = 0;
  const customer = order[60]!.external_customer_id as string;
  const mine = await harness.read(['fees'], { config: { filters: { fees: { external_customer_id: customer, created_at_from: from, created_at_to: to } } } });
  expectInvariants(mine, ['fees']);
  const expected = order.filter((fee) => inRange(fee) && fee.external_customer_id === customer);
  expect(expected.length).toBeGreaterThan(0);
  expect(emitted(mine).sort()).toEqual(expected.map((fee) => fee.lago_id).sort());
  for (const request of harness.requestsTo('/fees')) expect(request.query.get('external_customer_id')).toBe(customer);
});

test('a server answering fewer fees per page than asked (per_page capped at 40): still read whole', async () => {
  await start({ perPageCap: 40 });
  const run = await harness.read(['fees']);
  expectInvariants(run, ['fees']);
  expect(run.code).toBe(0);
  expect(emitted(run).sort()).toEqual(fees().map((fee) => fee.lago_id).sort());
});
