// The scope's import joins the file's existing taskscope import.
import { all } from 'taskscope';

declare function audit(event: string, signal?: AbortSignal): Promise<void>;
declare function load(id: string, signal?: AbortSignal): Promise<string>;

export async function loadPair(a: string, b: string) {
  audit('pair');
  return all([(signal) => load(a, signal), (signal) => load(b, signal)]);
}
