declare function parse(text: string): unknown;

// Nothing here takes a signal.
export function decode(text: string, signal: AbortSignal) {
  signal.throwIfAborted();
  return parse(text.trim());
}
