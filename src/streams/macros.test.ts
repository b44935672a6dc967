import { mapStrings } from './context.js';
import { resolveDateMacro, resolveDateMacros } from './macros.js';

const NOW = new Date('2026-03-15T10:30:45.000Z');

test.each([
  ['now', 'day', 'iso8601', '2026-03-15T10:30:45.000Z'],
  ['now-1', 'day', 'YYYY-MM-DD', '2026-03-14'],
  ['now+1', 'day', 'YYYY-MM-DD', '2026-03-16'],
  ['now-30', 'minute', 'iso8601', '2026-03-15T10:00:45.000Z'],
  ['now-2', 'hour', 'YYYY-MM-DDTHH:mm', '2026-03-15T08:30'],
  ['now-2', 'week', 'YYYY-MM-DD', '2026-03-01'],
  ['now-1', 'month', 'YYYY-MM', '2026-02'],
  ['now+10', 'year', 'YYYY', '2036'],
  ['now', 'day', 'unix', String(Date.parse('2026-03-15T10:30:45Z') / 1000)],
  ['now-1', 'day', 'unix_ms', String(Date.parse('2026-03-14T10:30:45Z'))],
] as const)('{%s} in %s as %s is %s', (name, unit, format, expected) => {
  expect(resolveDateMacro(name, NOW, unit, format)).toBe(expected);
});

test('only date macros are replaced; look-ups stay for the parent record', () => {
  expect(resolveDateMacros('/invoices?issuing_date_from={now-7}&x={external_id}', NOW, 'day', 'YYYY-MM-DD')).toBe('/invoices?issuing_date_from=2026-03-08&x={external_id}');
  expect(resolveDateMacro('nowish', NOW, 'day', 'iso8601')).toBeUndefined();
  expect(mapStrings({ filters: { from: '{now-1}', list: ['{now}'] }, n: 1 }, (text) => resolveDateMacros(text, NOW, 'day', 'YYYY-MM-DD'))).toEqual({ filters: { from: '2026-03-14', list: ['2026-03-15'] }, n: 1 });
});
