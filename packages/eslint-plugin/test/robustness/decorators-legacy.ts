// Legacy (experimentalDecorators) decorators: class, method, accessor, property
// and parameter decorators, with and without factories, on async members.
// @ts-nocheck -- these need experimentalDecorators, which the shared typecheck does not set.
type Constructor = new (...args: any[]) => object;

function Injectable(token?: string) {
  return <T extends Constructor>(target: T) => {
    Reflect.set(target, 'token', token ?? target.name);
    return target;
  };
}

function Retry(times: number): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const original = descriptor.value as (...args: unknown[]) => Promise<unknown>;
    descriptor.value = async function (this: unknown, ...args: unknown[]) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await original.apply(this, args);
        } catch (error) {
          if (attempt >= times) throw error;
        }
      }
    };
  };
}

function Inject(token: string): ParameterDecorator {
  return (target, key, index) => {
    Reflect.set(target, `inject:${String(key)}:${index}`, token);
  };
}

const Column: PropertyDecorator = () => undefined;

@Injectable('users')
export class UserService {
  @Column name = 'users';
  @Column private readonly cache = new Map<string, Promise<string>>();

  constructor(@Inject('http') private readonly http: { get(url: string): Promise<string> }) {}

  @Retry(3)
  async load(@Inject('id') id: string): Promise<string> {
    return this.http.get(`/users/${id}`);
  }

  @Retry(1)
  async loadAll(ids: string[]): Promise<string[]> {
    return Promise.all(ids.map((id) => this.load(id)));
  }

  @Retry(2)
  get pending(): Promise<string> {
    return this.cache.get('x') ?? Promise.resolve('');
  }

  @Retry(0)
  refresh(): void {
    this.load('me');
    void this.loadAll(['a', 'b']);
  }
}

@Injectable()
@Injectable('twice')
export default class {
  @Retry(1) static async boot(): Promise<void> {
    await Promise.race([new UserService({ get: async (url) => url }).load('1'), new Promise((r) => setTimeout(r, 10))]);
  }
}
