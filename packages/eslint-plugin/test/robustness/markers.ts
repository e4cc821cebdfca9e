// Comments the rules and the codemod give meaning to, plus eslint directives.
declare function send(to: string): Promise<void>;

export async function markers(to: string[]): Promise<void> {
  // taskscope-migrate-ignore
  Promise.all(to.map((t) => send(t)));
  /* taskscope-migrate: review this fan-out */
  Promise.all(to.map((t) => send(t)));
  // eslint-disable-next-line taskscope/no-floating-promises
  send('x');
  /* eslint-disable */
  send('y');
  /* eslint-enable */
  send('z'); // eslint-disable-line
}
