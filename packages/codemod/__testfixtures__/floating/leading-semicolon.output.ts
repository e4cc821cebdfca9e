// A file without semicolons guards a statement that starts with `(` by a leading `;`: the marker
// goes above the `;`, which stays with its statement.
declare function migrate(version: number): Promise<void>
declare function log(line: string): void

export function boot(version: number) {
  /* taskscope-migrate: floating promise outside an async function: report its failure with
     .catch(report), or write `void` before it with a comment saying why it may run on, or return
     it so the caller can await it in a scope */
  ;(async () => {
    await migrate(version)
  })()
}

export function reboot(version: number) {
  log('rebooting')
  /* taskscope-migrate: floating promise outside an async function: report its failure with
     .catch(report), or write `void` before it with a comment saying why it may run on, or return
     it so the caller can await it in a scope */
  ;(async () => {
    await migrate(version)
  })()
}
