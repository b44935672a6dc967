import { Writable } from 'node:stream';
import { MessageWriter } from './writer.js';

/** A pipe whose reader is away until release(): chunks stay queued in the stream meanwhile. */
function stalledPipe(highWaterMark?: number) {
  const received: string[] = [];
  let held: Array<() => void> | undefined = [];
  const out = new Writable({
    ...(highWaterMark === undefined ? {} : { highWaterMark }),
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      received.push(chunk);
      if (held) held.push(done);
      else done();
    },
  });
  const release = () => {
    const waiting = held ?? [];
    held = undefined;
    waiting.forEach((done) => done());
  };
  return { out, received, release };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const line = (n: number, size: number) => `{"type":"LOG","log":{"level":"INFO","message":"${String(n).padEnd(size, '.')}"}}\n`;

test('a reader a few pages behind does not hold the writer up: below 1 MiB unwritten, writes resolve at once', async () => {
  const { out, release } = stalledPipe();
  const writer = new MessageWriter(out);
  // 10 pages of 80 KiB: more than the stream's own 16 KiB mark, less than 1 MiB.
  for (let n = 0; n < 10; n += 1) {
    let resolved = false;
    void writer.writeLines(line(n, 80 * 1024)).then(() => (resolved = true));
    await tick();
    expect(resolved).toBe(true);
  }
  expect(out.writableLength).toBeGreaterThan(16 * 1024);
  release();
});

test('past 1 MiB unwritten, every write waits for the reader, all on one drain listener, and nothing is lost or reordered', async () => {
  const { out, received, release } = stalledPipe();
  const writer = new MessageWriter(out);
  const settled: boolean[] = [];
  const expected: string[] = [];
  // 200 small writes of 8 KiB (1.6 MiB), each given a turn of the event loop, as pages arrive.
  for (let n = 0; n < 200; n += 1) {
    const text = line(n, 8 * 1024);
    expected.push(text);
    const index = settled.push(false) - 1;
    void writer.writeLines(text).then(() => (settled[index] = true));
    await tick();
    expect(out.listenerCount('drain')).toBeLessThanOrEqual(1);
  }
  expect(out.writableLength).toBeGreaterThan(1024 * 1024);
  // The writes after the threshold was crossed are still waiting for the reader.
  expect(settled.at(-1)).toBe(false);
  expect(settled.filter((done) => !done).length).toBeGreaterThan(50);
  release();
  await writer.flush();
  await tick();
  expect(settled.every(Boolean)).toBe(true);
  expect(out.listenerCount('drain')).toBe(0);
  expect(received.join('')).toBe(expected.join(''));
});

test('a pipe that breaks while the writer waits for it does not leave the read hanging', async () => {
  const { out } = stalledPipe();
  let closedCalls = 0;
  const writer = new MessageWriter(out, () => (closedCalls += 1));
  const waiting = writer.writeLines(line(0, 2 * 1024 * 1024));
  out.destroy(new Error('EPIPE'));
  await expect(waiting).resolves.toBeUndefined();
  await expect(writer.writeLines(line(1, 10))).resolves.toBeUndefined();
  await expect(writer.flush()).resolves.toBeUndefined();
  expect(closedCalls).toBe(1);
});

test('a stream whose own mark is above 1 MiB: the writer waits by that mark instead, and never for a drain that cannot come', async () => {
  const { out, release } = stalledPipe(4 * 1024 * 1024);
  const writer = new MessageWriter(out);
  const written = writer.writeLines(line(0, 2 * 1024 * 1024));
  expect(out.writableLength).toBeGreaterThan(1024 * 1024);
  release();
  const outcome = await Promise.race([written.then(() => 'written'), new Promise((resolve) => setTimeout(() => resolve('hung'), 1000))]);
  expect(outcome).toBe('written');
});

/** A reader that takes every chunk at once, keeping each write as it came. */
function collectingPipe() {
  const writes: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk);
      done();
    },
  });
  return { out, writes, text: () => Buffer.concat(writes).toString('utf8') };
}

test('pages given as bytes: the key masked in each of its forms, even written in characters of several bytes', async () => {
  const key = 'kéy"\\a/b 🚀<\u2028z';
  const forms = [key, encodeURIComponent(key), JSON.stringify(key).slice(1, -1)];
  const { out, text } = collectingPipe();
  const writer = new MessageWriter(out);
  writer.addSecret(key);
  const page = (size: number) => Buffer.from(forms.map((form) => `{"type":"RECORD","record":{"data":{"note":"${form}${'.'.repeat(size)}"}}}\n`).join(''));
  // A large page (written on its own) and a small one (batched with other lines).
  await writer.writeBytes(page(20_000));
  await writer.writeBytes(page(10));
  await writer.flush();
  for (const form of forms) expect(text()).not.toContain(form);
  expect(text().split('**********').length - 1).toBe(2 * forms.length);
});

test('small pages of bytes wait in the batch with text lines, in the order given, and go out in one write', async () => {
  const { out, writes, text } = collectingPipe();
  const writer = new MessageWriter(out);
  const expected: string[] = [];
  for (let n = 0; n < 50; n += 1) {
    const record = `{"type":"RECORD","record":{"data":{"n":${n}}}}\n`;
    const log = `{"type":"LOG","log":{"level":"INFO","message":"after ${n}"}}\n`;
    expected.push(record, log);
    void writer.writeBytes(Buffer.from(record));
    void writer.writeLines(log);
  }
  await writer.flush();
  expect(text()).toBe(expected.join(''));
  expect(writes).toHaveLength(1);
});
