// Selection as singer-sdk resolves it: singer_sdk/singerlib/catalog.py (MetadataMapping._breadcrumb_is_selected,
// SelectionMask.__missing__) and singer_sdk/helpers/_catalog.py (_pop_deselected_schema, pop_deselected_record_properties).
import { pruneRecord, pruneSchema, resolveSelection, type Deselection } from './selection.js';

type Entry = { breadcrumb: string[]; metadata: Record<string, unknown> };
const metadata = (...entries: Entry[]) => new Map(entries.map((entry) => [JSON.stringify(entry.breadcrumb), entry.metadata]));
const prop = (...names: string[]) => names.flatMap((name) => ['properties', name]);
const root = (values: Record<string, unknown>): Entry => ({ breadcrumb: [], metadata: values });
const at = (names: string[], values: Record<string, unknown>): Entry => ({ breadcrumb: prop(...names), metadata: values });
const KEYS = new Set(['lago_id']);

/** The tree as plain objects, to compare. */
const plain = (tree: Deselection | undefined): unknown => (tree ? Object.fromEntries([...tree].map(([name, below]) => [name, below === true ? true : plain(below)])) : undefined);

describe('which streams are selected', () => {
  test('no metadata at all: selected (_breadcrumb_is_selected: "Default to true if no metadata")', () => {
    expect(resolveSelection(metadata(), undefined, KEYS)).toEqual({ selected: true, deselected: undefined, kept: [] });
  });

  test('metadata without a stream entry: not selected (the root falls back to its parent, None → False)', () => {
    expect(resolveSelection(metadata(at(['email'], { inclusion: 'available' })), undefined, KEYS).selected).toBe(false);
  });

  test('the stream entry\'s own "selected" (singer-python) counts only where its breadcrumb [] metadata says nothing', () => {
    expect(resolveSelection(metadata(at(['email'], { inclusion: 'available' })), true, KEYS).selected).toBe(true);
    expect(resolveSelection(metadata(root({ selected: false })), true, KEYS).selected).toBe(false);
    expect(resolveSelection(metadata(), false, KEYS).selected).toBe(false);
  });

  test('unsupported beats selected; automatic beats deselected; selected beats selected-by-default', () => {
    expect(resolveSelection(metadata(root({ inclusion: 'unsupported', selected: true })), undefined, KEYS).selected).toBe(false);
    expect(resolveSelection(metadata(root({ inclusion: 'automatic', selected: false })), undefined, KEYS).selected).toBe(true);
    expect(resolveSelection(metadata(root({ selected: false, 'selected-by-default': true })), undefined, KEYS).selected).toBe(false);
    expect(resolveSelection(metadata(root({ 'selected-by-default': true })), undefined, KEYS).selected).toBe(true);
  });
});

describe('which properties are deselected', () => {
  const selected = root({ selected: true });

  test('at any depth; only the topmost deselected breadcrumb is kept in the tree', () => {
    const result = resolveSelection(
      metadata(selected, at(['billing_configuration', 'invoice_grace_period'], { selected: false }), at(['customer', 'billing_configuration'], { selected: false }), at(['customer', 'billing_configuration', 'document_locale'], { selected: false }), at(['email'], { inclusion: 'unsupported', selected: true })),
      undefined,
      KEYS,
    );
    expect(plain(result.deselected)).toEqual({ billing_configuration: { invoice_grace_period: true }, customer: { billing_configuration: true }, email: true });
  });

  test('a deselected parent wins over a child selected or automatic (the parent is looked at first)', () => {
    const result = resolveSelection(metadata(selected, at(['shipping_address'], { selected: false }), at(['shipping_address', 'city'], { selected: true }), at(['shipping_address', 'zipcode'], { inclusion: 'automatic' })), undefined, KEYS);
    expect(plain(result.deselected)).toEqual({ shipping_address: true });
  });

  test('a child with no selection of its own follows its parent; selected-by-default counts when selected is absent', () => {
    const result = resolveSelection(metadata(selected, at(['a'], {}), at(['a', 'b'], { inclusion: 'available' }), at(['c'], { 'selected-by-default': false })), undefined, KEYS);
    expect(plain(result.deselected)).toEqual({ c: true });
  });

  test('key and replication key properties stay whatever the catalog says, and are reported', () => {
    const result = resolveSelection(metadata(selected, at(['lago_id'], { inclusion: 'available', selected: false }), at(['name'], { selected: false })), undefined, KEYS);
    expect(plain(result.deselected)).toEqual({ name: true });
    expect(result.kept).toEqual(['lago_id']);
  });

  test('nothing deselected: no tree (records then cost nothing)', () => {
    expect(resolveSelection(metadata(selected, at(['name'], { selected: true })), undefined, KEYS).deselected).toBeUndefined();
  });

  test('breadcrumbs singer-sdk never looks up (array items, odd lengths) deselect nothing', () => {
    const result = resolveSelection(metadata(selected, { breadcrumb: ['properties', 'taxes', 'items', 'properties', 'code'], metadata: { selected: false } }, { breadcrumb: ['properties'], metadata: { selected: false } }), undefined, KEYS);
    expect(result.deselected).toBeUndefined();
  });
});

describe('pruning', () => {
  const tree = resolveSelection(
    metadata(root({ selected: true }), at(['email'], { selected: false }), at(['billing', 'grace'], { selected: false }), at(['tags', 'x'], { selected: false })),
    undefined,
    KEYS,
  ).deselected!;

  test('the schema loses the properties and their names in the parent\'s required, at every depth; arrays are not descended', () => {
    const schema = {
      type: 'object',
      required: ['lago_id', 'email'],
      properties: {
        lago_id: { type: 'string' },
        email: { type: 'string' },
        billing: { type: ['object', 'null'], required: ['grace', 'locale'], properties: { grace: { type: 'integer' }, locale: { type: 'string' } } },
        tags: { type: 'array', items: { type: 'object', properties: { x: { type: 'string' } } } },
      },
    };
    const before = structuredClone(schema);
    const pruned = pruneSchema(schema, tree) as any;
    expect(pruned.required).toEqual(['lago_id']);
    expect(Object.keys(pruned.properties)).toEqual(['lago_id', 'billing', 'tags']);
    expect(pruned.properties.billing).toEqual({ type: ['object', 'null'], required: ['locale'], properties: { locale: { type: 'string' } } });
    expect(pruned.properties.tags).toEqual(schema.properties.tags);
    expect(schema).toEqual(before);
  });

  test('a record loses them in place; nested objects are copied first (they may be shared); arrays are left alone', () => {
    const billing = { grace: 3, locale: 'fr' };
    const record: Record<string, unknown> = { lago_id: 'c1', email: 'a@b', billing, tags: [{ x: '1' }], other: null };
    pruneRecord(record, tree);
    expect(record).toEqual({ lago_id: 'c1', billing: { locale: 'fr' }, tags: [{ x: '1' }], other: null });
    expect(billing).toEqual({ grace: 3, locale: 'fr' });
    const nullBilling: Record<string, unknown> = { billing: null };
    pruneRecord(nullBilling, tree);
    expect(nullBilling).toEqual({ billing: null });
  });
});
