import { Metrics } from './metrics.js';

function recorder(intervalMs = 60_000) {
  const lines: string[] = [];
  let clock = 0;
  const metrics = new Metrics((text) => lines.push(text), { intervalMs, now: () => clock });
  const points = () => lines.map((line) => JSON.parse(line.replace(/^METRIC: /, '')));
  return { metrics, lines, points, tick: (ms: number) => (clock += ms) };
}

test('record_count: logged when an increment comes after the interval, counting since the last line, and at the end (singer-sdk Counter)', () => {
  const { metrics, lines, points, tick } = recorder(60_000);
  const counter = metrics.recordCounter('events');
  counter.increment(100);
  tick(30_000);
  counter.increment(100);
  expect(lines).toEqual([]);
  tick(30_001);
  counter.increment(50);
  expect(points()).toEqual([{ type: 'counter', metric: 'record_count', value: 250, tags: { stream: 'events', pid: process.pid } }]);
  tick(10_000);
  counter.increment(7);
  counter.flush();
  expect(points().map((point) => point.value)).toEqual([250, 7]);
  expect(lines.every((line) => /^METRIC: \{"type":"counter","metric":"record_count","value":\d+,"tags":\{/.test(line))).toBe(true);
});

test('a stream without records still logs record_count 0 at the end', () => {
  const { metrics, points } = recorder();
  metrics.recordCounter('taxes').flush();
  expect(points()).toEqual([{ type: 'counter', metric: 'record_count', value: 0, tags: { stream: 'taxes', pid: process.pid } }]);
});

test('http_request_duration: one timer per answer, succeeded below HTTP 400, failed from it; seconds to the microsecond', () => {
  const { metrics, points } = recorder();
  metrics.httpResponse({ stream: 'customers', endpoint: '/customers', status: 200, seconds: 0.123456789 });
  metrics.httpResponse({ stream: 'customer_usage', endpoint: '/customers/{external_customer_id}/current_usage', status: 429, seconds: 0.5 });
  metrics.httpResponse({ stream: undefined, endpoint: '/customers', status: 500, seconds: 1 });
  expect(points()).toEqual([
    { type: 'timer', metric: 'http_request_duration', value: 0.123457, tags: { stream: 'customers', endpoint: '/customers', http_status_code: 200, status: 'succeeded' } },
    { type: 'timer', metric: 'http_request_duration', value: 0.5, tags: { stream: 'customer_usage', endpoint: '/customers/{external_customer_id}/current_usage', http_status_code: 429, status: 'failed' } },
    { type: 'timer', metric: 'http_request_duration', value: 1, tags: { endpoint: '/customers', http_status_code: 500, status: 'failed' } },
  ]);
});
