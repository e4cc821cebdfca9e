// A file without semicolons guards a statement that starts with `(` by a leading `;`: the marker
// goes above the `;`, which stays with its statement.
declare function migrate(version: number): Promise<void>
declare function log(line: string): void

export function boot(version: number) {
  /* taskscope-migrate: floating promise outside an async function: handle it with
     .catch(report), or return it to be awaited */
  ;(async () => {
    await migrate(version)
  })()
}

export function reboot(version: number) {
  log('rebooting')
  /* taskscope-migrate: floating promise outside an async function: handle it with
     .catch(report), or return it to be awaited */
  ;(async () => {
    await migrate(version)
  })()
}
