declare function isAllowed(user: string): Promise<boolean>;

export async function allowed(users: string[]) {
  // Every promise is truthy: filter keeps everyone. No automatic rewrite exists.
  /* taskscope-migrate: no automatic rewrite (no-async-iteration-callback) */
  return users.filter(async (user) => isAllowed(user));
}
