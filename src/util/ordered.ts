/**
 * Maps items to promises with at most `limit` in flight (a number, or asked again as work is started:
 * the room may change), yielding results in the items' order.
 * New work starts only as results are taken, so a slow consumer pauses the producer: memory stays
 * bounded by `limit` results. A failure surfaces when its turn comes, as a throw.
 */
export async function* mapOrdered<T, R>(items: AsyncIterable<T> | Iterable<T>, limit: number | (() => number), work: (item: T) => Promise<R>): AsyncGenerator<R> {
  const iterator = (Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : (items as Iterable<T>)[Symbol.iterator]()) as AsyncIterator<T> | Iterator<T>;
  const inFlight: Array<Promise<R>> = [];
  let exhausted = false;
  const room = typeof limit === 'number' ? () => limit : limit;
  const fill = async () => {
    while (!exhausted && inFlight.length < Math.max(1, room())) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const promise = work(next.value);
      // Rejections are handled when their turn comes; this keeps Node from calling them unhandled.
      promise.catch(() => {});
      inFlight.push(promise);
    }
  };
  try {
    await fill();
    while (inFlight.length > 0) {
      const result = await inFlight.shift()!;
      await fill();
      yield result;
    }
  } finally {
    await iterator.return?.();
  }
}
