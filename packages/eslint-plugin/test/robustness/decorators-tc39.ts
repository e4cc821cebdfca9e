// TC39 (2023) decorators: context objects, auto-accessors, addInitializer,
// decorators on async methods, fields and getters; decorator expressions.
function logged<This, Args extends unknown[], Return>(
  target: (this: This, ...args: Args) => Return,
  context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => Return>,
) {
  const name = String(context.name);
  return function (this: This, ...args: Args): Return {
    const result = target.call(this, ...args);
    if (result instanceof Promise) result.catch((error: unknown) => console.error(name, error));
    return result;
  };
}

function bound<This, T extends (...args: never[]) => unknown>(_target: T, context: ClassMethodDecoratorContext<This, T>) {
  context.addInitializer(function (this: This) {
    const self = this as Record<string | symbol, unknown>;
    self[context.name] = (self[context.name] as T).bind(this);
  });
}

function observed<This, V>(target: ClassAccessorDecoratorTarget<This, V>, context: ClassAccessorDecoratorContext<This, V>) {
  return {
    get(this: This) {
      return target.get.call(this);
    },
    set(this: This, value: V) {
      queueMicrotask(() => console.log(String(context.name), value));
      target.set.call(this, value);
    },
  };
}

const decorators = { logged, bound } as const;

export class Poller {
  @observed accessor interval = 1000;
  @observed accessor pending: Promise<void> = Promise.resolve();
  static #instances = 0;

  static {
    Poller.#instances++;
  }

  @logged
  async tick(signal?: AbortSignal): Promise<number> {
    const response = await fetch('https://example.com/tick', { signal });
    return response.status;
  }

  @decorators.bound
  @(decorators.logged)
  async start(): Promise<void> {
    this.pending = this.tick().then(() => undefined);
    await Promise.all([this.tick(), this.tick()]);
  }

  @logged
  get next(): Promise<number> {
    return this.tick();
  }
}
