declare function isAllowed(user: string): Promise<boolean>;

export async function allowed(users: string[]) {
  // Every promise is truthy: filter keeps everyone. No automatic rewrite exists.
  /* taskscope-migrate: no-async-iteration-callback: 'filter' gets a promise from its async
     callback, and a promise is always truthy: it never sees the value the callback resolves to. */
  return users.filter(async (user) => isAllowed(user));
}
