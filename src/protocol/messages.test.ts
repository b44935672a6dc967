import { validateMessage } from '../../integration_tests/helpers/protocol.js';
import { lineBytes, recordBytes } from './messages.js';

/** The page as text, as a reader of stdout gets it. */
const recordLines = (stream: string, records: readonly unknown[]) => recordBytes(stream, records).toString('utf8');

const RECORDS: Array<Record<string, unknown>> = [
  { lago_id: 'a1', name: 'Plain', amount_cents: 1200, paid: true, deleted_at: null },
  { name: 'Zoë Ünïcødé — 日本語 🚀 \u{1F600}', emoji_only: '🧾' },
  { quote: 'say "hi"', backslash: 'C:\\path\\to', slash: '</script>', apostrophe: "it's" },
  { multi: 'line one\nline two\r\nline three', tab: 'a\tb', control: '\u0000\u0001\u001f', separators: 'x\u2028y\u2029z' },
  { nested: [[1, 2, [3, [4]]], [], [{ deep: { deeper: ['x', null, false] } }]], empty: {}, list: [] },
  { numbers: [0, -1, 1.5, 1e21, Number.MAX_SAFE_INTEGER], text_number: '007' },
  { lone_surrogate: 'a\ud800b', key_with_quote: { 'we"ird': 'v', 'new\nline': 'w' } },
];

/** Lines of a recordBytes() result: each must end in "\n", so splitting leaves one empty tail. */
function lines(text: string): string[] {
  expect(text.endsWith('\n')).toBe(true);
  const parts = text.split('\n');
  expect(parts.pop()).toBe('');
  return parts;
}

test('one line per record, each parsing to exactly {type, record: {stream, data, emitted_at}} with the record as data', () => {
  const before = Date.now();
  const text = recordLines('customers', RECORDS);
  const after = Date.now();
  const parsed = lines(text).map((line) => JSON.parse(line));
  expect(parsed).toHaveLength(RECORDS.length);
  parsed.forEach((message, k) => {
    expect(Object.keys(message)).toEqual(['type', 'record']);
    expect(Object.keys(message.record)).toEqual(['stream', 'data', 'emitted_at']);
    expect(message).toEqual({ type: 'RECORD', record: { stream: 'customers', data: RECORDS[k], emitted_at: message.record.emitted_at } });
    expect(Number.isInteger(message.record.emitted_at)).toBe(true);
    expect(message.record.emitted_at).toBeGreaterThanOrEqual(before);
    expect(message.record.emitted_at).toBeLessThanOrEqual(after);
    expect(validateMessage(message)).toEqual([]);
  });
});

test('each line is the same JSON that stringifying the whole message gives', () => {
  const text = recordLines('events', RECORDS);
  lines(text).forEach((line, k) => {
    const emittedAt = JSON.parse(line).record.emitted_at;
    expect(line).toBe(JSON.stringify({ type: 'RECORD', record: { stream: 'events', data: RECORDS[k], emitted_at: emittedAt } }));
  });
});

test('a newline inside a string never splits a record across lines', () => {
  const text = recordLines('s', [{ a: '\n\n\n' }, { b: 'x\ny' }]);
  expect(text.split('\n')).toHaveLength(3);
  expect(lines(text).map((line) => JSON.parse(line).record.data)).toEqual([{ a: '\n\n\n' }, { b: 'x\ny' }]);
});

test('the stream name is JSON-escaped', () => {
  const name = 'we"ird\\name\n</x>é';
  const parsed = lines(recordLines(name, [{ id: 1 }, { id: 2 }])).map((line) => JSON.parse(line));
  expect(parsed.map((m) => m.record.stream)).toEqual([name, name]);
  expect(parsed.map((m) => m.record.data)).toEqual([{ id: 1 }, { id: 2 }]);
});

test('empty input gives the empty string', () => {
  expect(recordLines('customers', [])).toBe('');
});

test('a single record gives exactly one line', () => {
  const text = recordLines('plans', [{ code: 'p' }]);
  expect(lines(text)).toHaveLength(1);
  expect(text.indexOf('\n')).toBe(text.length - 1);
});

test('lines are encoded whole however large: a page bigger than the buffer it starts with, with text of every width', () => {
  const wide = '日本語 🚀 é'.repeat(3000);
  const made = Array.from({ length: 40 }, (_, index) => `${index}:${wide}\n`);
  const bytes = lineBytes(made.length, (index) => made[index]!);
  expect(bytes.length).toBe(Buffer.byteLength(made.join('')));
  expect(bytes.toString('utf8')).toBe(made.join(''));
  // Later pages do not see through to earlier ones' bytes (each page is its own copy).
  const again = lineBytes(1, () => 'x\n');
  expect(again.toString('utf8')).toBe('x\n');
  expect(bytes.toString('utf8').startsWith('0:')).toBe(true);
});
