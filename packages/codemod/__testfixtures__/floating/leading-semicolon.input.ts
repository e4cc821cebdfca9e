// A file without semicolons guards a statement that starts with `(` by a leading `;`: the marker
// goes above the `;`, which stays with its statement.
declare function migrate(version: number): Promise<void>
declare function log(line: string): void

export function boot(version: number) {
  ;(async () => {
    await migrate(version)
  })()
}

export function reboot(version: number) {
  log('rebooting')
  ;(async () => {
    await migrate(version)
  })()
}
