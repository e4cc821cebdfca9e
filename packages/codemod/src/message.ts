/** A message with its `{{ name }}` placeholders filled from `data`, as ESLint fills them; unknown names stay as written. */
export function formatMessage(template: string, data: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{\{([^{}]+?)\}\}/g, (whole, name: string) => data[name.trim()] ?? whole);
}
