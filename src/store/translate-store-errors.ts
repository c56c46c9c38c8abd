// The store's error boundary: wraps a port implementation so every rejection (and every error from
// an async iterator it returns) passes through `translate`, which turns the database's own faults
// into StorageErrors. One wrapper for every port and both engines, instead of a try in each method.

export type TranslateError = (error: unknown) => unknown;

function translatingIterator<T>(iterator: AsyncIterator<T>, translate: TranslateError): AsyncIterableIterator<T> {
  const guard = <R>(step: Promise<R>): Promise<R> =>
    step.catch((error: unknown) => {
      throw translate(error);
    });
  return {
    next: (...args) => guard(iterator.next(...args)),
    return: (value) => guard(iterator.return ? iterator.return(value) : Promise.resolve({ done: true, value })),
    throw: (error) => guard(iterator.throw ? iterator.throw(error) : Promise.reject(error)),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

function translated(result: unknown, translate: TranslateError): unknown {
  if (result instanceof Promise) {
    return result.catch((error: unknown) => {
      throw translate(error);
    });
  }
  if (result !== null && typeof result === "object" && Symbol.asyncIterator in result) {
    const iterable = result as AsyncIterable<unknown>;
    return translatingIterator(iterable[Symbol.asyncIterator](), translate);
  }
  return result;
}

/** `port` with each method's failures translated; `this` inside the methods stays the real object. */
export function translateStoreErrors<T extends object>(port: T, translate: TranslateError): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        try {
          return translated(Reflect.apply(value, target, args), translate);
        } catch (error) {
          throw translate(error);
        }
      };
    },
  });
}
