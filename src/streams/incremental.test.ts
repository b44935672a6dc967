import { parseConfig } from '../config.js';
import { cursorFromState, inSlice, parseInstant, planSlices, sliceQuery, TARGET_SLICE_PAGES, type CursorSpec, type Slice, type SlicePlan } from './incremental.js';

/** Every slice of a plan, as if each came back as full as slices are sized for (fixed-size slices). */
function allSlices(plan: SlicePlan): Slice[] {
  const slices: Slice[] = [];
  for (let slice = plan.first; slice; slice = plan.next(slice, TARGET_SLICE_PAGES * 100)) slices.push(slice);
  return slices;
}

const events: CursorSpec = { field: 'timestamp', from: 'timestamp_from', to: 'timestamp_to', kind: 'date-time', defaultSlice: 'day' };
const invoices: CursorSpec = { field: 'issuing_date', from: 'issuing_date_from', to: 'issuing_date_to', kind: 'date', defaultSlice: 'month' };
const config = (extra: Record<string, unknown> = {}) => parseConfig({ api_key: 'k', start_date: '2025-01-01', ...extra });
const iso = (d: Date) => d.toISOString();

test('first sync: calendar-aligned slices from start_date to now, oldest first', () => {
  const planned = planSlices(events, config({ slice_size: 'day' }), undefined, new Date('2025-01-03T12:00:00Z'));
  const plan = { ...planned, slices: allSlices(planned) };
  expect(plan.slices.map((s) => [iso(s.start), iso(s.end)])).toEqual([
    ['2025-01-01T00:00:00.000Z', '2025-01-02T00:00:00.000Z'],
    ['2025-01-02T00:00:00.000Z', '2025-01-03T00:00:00.000Z'],
    ['2025-01-03T00:00:00.000Z', '2025-01-03T12:00:00.000Z'],
  ]);
  expect(plan.checkpoint(plan.slices[2]!)).toEqual({ timestamp: '2025-01-03T12:00:00.000Z' });
});

test('lookback moves the start back from the cursor; slices then align to the unit', () => {
  const planned = planSlices(events, config({ lookback_window_days: 0.5 }), new Date('2025-02-10T06:00:00Z'), new Date('2025-02-11T03:00:00Z'));
  const plan = { ...planned, slices: allSlices(planned) };
  expect(plan.slices.map((s) => iso(s.start))).toEqual(['2025-02-09T18:00:00.000Z', '2025-02-10T00:00:00.000Z', '2025-02-11T00:00:00.000Z']);
  // A checkpoint never moves the cursor backwards, even while re-reading the lookback window.
  expect(plan.checkpoint(plan.slices[0]!)).toEqual({ timestamp: '2025-02-10T06:00:00.000Z' });
});

test('date cursors: whole days, inclusive query ends, the day in progress is re-read next time', () => {
  const planned = planSlices(invoices, config({ lookback_window_days: 0 }), undefined, new Date('2025-03-15T10:00:00Z'));
  const plan = { ...planned, slices: allSlices(planned) };
  expect(plan.slices.map((s) => sliceQuery(invoices, s))).toEqual([
    { issuing_date_from: '2025-01-01', issuing_date_to: '2025-01-31' },
    { issuing_date_from: '2025-02-01', issuing_date_to: '2025-02-28' },
    { issuing_date_from: '2025-03-01', issuing_date_to: '2025-03-15' },
  ]);
  expect(plan.checkpoint(plan.slices[2]!)).toEqual({ issuing_date: '2025-03-15' });
});

test('end_date and filter bounds narrow the range; a future cursor gives no slices and keeps the state', () => {
  const narrowedPlan = planSlices(invoices, config({ end_date: '2025-03-01' }), undefined, new Date('2026-01-01T00:00:00Z'));
  const narrowed = { ...narrowedPlan, slices: allSlices(narrowedPlan) };
  expect(sliceQuery(invoices, narrowed.slices.at(-1)!)).toEqual({ issuing_date_from: '2025-02-01', issuing_date_to: '2025-02-28' });
  const boundedPlan = planSlices({ ...invoices, bounds: () => ({ from: '2025-02-10', to: '2025-02-20' }) }, config(), undefined, new Date('2026-01-01T00:00:00Z'));
  const bounded = { ...boundedPlan, slices: allSlices(boundedPlan) };
  expect(bounded.slices.map((s) => sliceQuery(invoices, s))).toEqual([{ issuing_date_from: '2025-02-10', issuing_date_to: '2025-02-20' }]);
  const futurePlan = planSlices(events, config(), new Date('2999-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
  const future = { ...futurePlan, slices: allSlices(futurePlan) };
  expect(future.slices).toEqual([]);
  expect(future.unchanged).toEqual({ timestamp: '2999-01-01T00:00:00.000Z' });
});

test('saved cursors are parsed strictly', () => {
  expect(cursorFromState('invoices', invoices, { issuing_date: '2025-02-01' }, 's.json')).toEqual(new Date('2025-02-01T00:00:00Z'));
  expect(cursorFromState('invoices', invoices, {}, 's.json')).toBeUndefined();
  expect(cursorFromState('events', events, null, 's.json')).toBeUndefined();
  expect(() => cursorFromState('invoices', invoices, { issuing_date: 'soon' }, 's.json')).toThrow(/s\.json.*invoices.*issuing_date "soon" is not a date/);
  expect(() => cursorFromState('events', events, { timestamp: 12 }, 's.json')).toThrow(/not a date/);
  expect(() => cursorFromState('events', events, 'x', 's.json')).toThrow(/must be an object/);
});

test('small slices make the next one twice as long, up to 64 units; records reset the size', () => {
  const plan = planSlices(events, config({ slice_size: 'day' }), undefined, new Date('2026-01-01T00:00:00Z'));
  const lengths: number[] = [];
  let slice = plan.first;
  for (let i = 0; slice && i < 9; i += 1) {
    lengths.push((slice.end.getTime() - slice.start.getTime()) / 86_400_000);
    slice = plan.next(slice, i < 8 ? 99 : 100);
  }
  expect(lengths).toEqual([1, 2, 4, 8, 16, 32, 64, 64, 64]);
  expect((slice!.end.getTime() - slice!.start.getTime()) / 86_400_000).toBe(1);
});

test('a saved date-time without a zone is UTC, not local time', () => {
  expect(cursorFromState('events', events, { timestamp: '2025-02-01T06:00:00' }, 's.json')).toEqual(new Date('2025-02-01T06:00:00Z'));
  expect(cursorFromState('events', events, { timestamp: '2025-02-01T06:00:00+02:00' }, 's.json')).toEqual(new Date('2025-02-01T04:00:00Z'));
});

const days = (slice: Slice | undefined) => (slice ? (slice.end.getTime() - slice.start.getTime()) / 86_400_000 : undefined);

test('with the default slice size, slices are sized to hold about TARGET_SLICE_PAGES pages at the density seen', () => {
  const plan = planSlices(events, config({ start_date: '2025-01-01' }), undefined, new Date('2026-01-01T00:00:00Z'));
  // 365 days and 36,500 events: 100 a day, so 2,000 records are 20 days.
  expect(days(plan.expect(36_500))).toBe(20);
  // A slice 4 times denser than planned: the next is a quarter as long; a sparse one grows at most 8 times.
  expect(days(plan.next({ start: new Date('2025-01-01T00:00:00Z'), end: new Date('2025-01-21T00:00:00Z') }, 8_000))).toBe(5);
  expect(days(plan.next({ start: new Date('2025-01-21T00:00:00Z'), end: new Date('2025-01-26T00:00:00Z') }, 1))).toBe(40);
  // An empty slice doubles the next one.
  expect(days(plan.next({ start: new Date('2025-03-02T00:00:00Z'), end: new Date('2025-04-11T00:00:00Z') }, 0))).toBe(80);
  // Nothing in the whole range: one slice covers it.
  const empty = planSlices(events, config({ start_date: '2025-01-01' }), undefined, new Date('2026-01-01T00:00:00Z'));
  expect(empty.expect(0)).toEqual({ start: new Date('2025-01-01T00:00:00Z'), end: new Date('2026-01-01T00:00:00Z') });
  expect(empty.grown()).toBe(false);
});

test('a slice_size the user chose is kept: the count of the range does not resize the first slice', () => {
  const plan = planSlices(events, config({ start_date: '2025-01-01', slice_size: 'day' }), undefined, new Date('2026-01-01T00:00:00Z'));
  expect(days(plan.expect(36_500))).toBe(1);
  expect(days(plan.expect(0))).toBe(1);
});

test('slices are sized for the configured page size', () => {
  const plan = planSlices(events, config({ start_date: '2025-01-01', page_size: 500 }), undefined, new Date('2026-01-01T00:00:00Z'));
  expect(days(plan.expect(36_500))).toBe(100);
});

test('inSlice: the fast path for Lago UTC instants decides as the careful parser does, malformed strings included', () => {
  const slice: Slice = { start: new Date('2025-01-31T00:00:00Z'), end: new Date('2025-02-01T00:00:00Z') };
  // What inSlice must decide, from parseInstant alone: unparseable values are kept (never dropped on a guess); an
  // instant slice includes its end, as Lago's timestamp_to does.
  const careful = (raw: string) => {
    const value = parseInstant(raw).getTime();
    return Number.isNaN(value) || (value >= slice.start.getTime() && value <= slice.end.getTime());
  };
  const values = [
    '2025-01-31T10:00:00Z', '2025-01-31T10:00:00.123Z', '2025-01-31T10:00:00.123456Z', '2025-01-30T23:59:59.999Z',
    '2025-02-01T00:00:00Z', '2025-01-31T24:00:00Z', '2025-02-30T10:00:00Z', '2025-01-31T10:00:00+01:00',
    '2025-01-31T10:00:00', '2025-01-31',
    // malformed, shaped enough like Lago's form to tempt a shortcut: Date.parse reads some of these as dates
    '2025-01-3UT10:00:00.000Z', '2O25-01-31T10:00:00Z', '2025/01/31T10:00:00Z', '2025-01-31T10-00-00Z', ' 2025-01-31T10:00:00Z',
  ];
  for (const raw of values) expect({ raw, kept: inSlice(events, slice, { timestamp: raw }) }).toEqual({ raw, kept: careful(raw) });
});

test('inSlice: days strictly inside a wide slice, or after an open-ended one\'s start, are decided without parsing, as the careful parser would', () => {
  const wide: Slice = { start: new Date('2025-01-15T12:00:00Z'), end: new Date('2025-03-10T06:00:00Z') };
  const careful = (raw: string, openEnded: boolean) => {
    const value = parseInstant(raw).getTime();
    return Number.isNaN(value) || (value >= wide.start.getTime() && (openEnded || value <= wide.end.getTime()));
  };
  const values = [
    '2025-01-15T11:59:59.999Z', '2025-01-15T12:00:00Z', '2025-01-16T00:00:00Z', '2025-02-30T10:00:00Z', '2025-03-09T23:59:59Z',
    '2025-03-10T06:00:00Z', '2025-03-10T06:00:00.001Z', '2025-03-11T00:00:00Z', '2024-12-31T23:59:59Z', '2026-01-01T00:00:00Z',
    '2025-02-01T10:00:00+01:00', '2025-02-01T00:00:00-23:00', '2025-02-01', '2O25-02-01T10:00:00Z', '2025-0a-01T10:00:00Z',
    '2025-02-0:T10:00:00.000Z', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '2025-02-01T99:99:99Z', '2025-02-01T24:00:00Z',
  ];
  for (const openEnded of [false, true]) {
    for (const raw of values) expect({ raw, openEnded, kept: inSlice(events, wide, { timestamp: raw }, openEnded) }).toEqual({ raw, openEnded, kept: careful(raw, openEnded) });
  }
  // Dates that do not exist, which the parser carries past the slice's end ("2025-02-30" is 2 March): dropped by both.
  const february: Slice = { start: new Date('2025-02-10T00:00:00Z'), end: new Date('2025-03-01T06:00:00Z') };
  for (const raw of ['2025-02-29T10:00:00Z', '2025-02-30T10:00:00Z', '2025-02-31T00:00:00Z']) {
    expect({ raw, kept: inSlice(events, february, { timestamp: raw }) }).toEqual({ raw, kept: false });
  }
});
