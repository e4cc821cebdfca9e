// Abstract classes with abstract async members, overrides, parameter
// properties, private methods, static blocks, index signatures and `this` types.
export abstract class Repository<T extends { id: string }> {
  [key: `meta:${string}`]: unknown;
  protected abstract readonly table: string;
  abstract find(id: string, signal?: AbortSignal): Promise<T | undefined>;
  abstract save(item: T): Promise<void>;

  protected constructor(protected readonly base: string) {}

  async findMany(ids: readonly string[], signal?: AbortSignal): Promise<T[]> {
    const found = await Promise.all(ids.map((id) => this.find(id)));
    return found.filter((item): item is Awaited<T> => item !== undefined);
  }

  saveAll(items: T[]): this {
    items.forEach(async (item) => this.save(item));
    for (const item of items) this.save(item);
    return this;
  }

  async #audit(action: string): Promise<void> {
    await fetch(`${this.base}/audit`, { method: 'POST', body: action });
  }

  protected touch(): void {
    this.#audit('touch');
  }
}

export class UserRepository extends Repository<{ id: string; name: string }> {
  protected override readonly table = 'users';
  static #count = 0;
  static {
    UserRepository.#count++;
  }

  constructor() {
    super('/api');
  }

  override async find(id: string, signal?: AbortSignal) {
    const response = await fetch(`${this.base}/${this.table}/${id}`, { signal });
    return response.ok ? ((await response.json()) as { id: string; name: string }) : undefined;
  }

  override save = async (item: { id: string; name: string }): Promise<void> => {
    await fetch(`${this.base}/${this.table}/${item.id}`, { method: 'PUT', body: JSON.stringify(item) });
  };
}
