declare function isAllowed(user: string): Promise<boolean>;

export async function allowed(users: string[]) {
  // Every promise is truthy: filter keeps everyone. No automatic rewrite exists.
  return users.filter(async (user) => isAllowed(user));
}
