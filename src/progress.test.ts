import { thousands } from './progress.js';

test('thousands() groups digits by three with commas', () => {
  expect(thousands(1234567)).toBe('1,234,567');
  expect(thousands(0)).toBe('0');
  expect(thousands(7)).toBe('7');
  expect(thousands(999)).toBe('999');
  expect(thousands(1000)).toBe('1,000');
  expect(thousands(12345)).toBe('12,345');
  expect(thousands(100000)).toBe('100,000');
  expect(thousands(1000000)).toBe('1,000,000');
  expect(thousands(Number.MAX_SAFE_INTEGER)).toBe('9,007,199,254,740,991');
});

test('thousands() writes whole counts as toLocaleString("en") did before it', () => {
  const counts = [0, 1, 9, 10, 99, 100, 999, 1000, 1001, 9999, 10000, 65536, 99999, 100000, 123456, 999999, 1000000, 20000000, 123456789, 1234567890123];
  for (let n = 1; n < 1e15; n = n * 7 + 3) counts.push(n);
  for (const n of counts) expect({ n, text: thousands(n) }).toEqual({ n, text: n.toLocaleString('en') });
});
