// A file that ends its statements without `;` gets the import without one.
declare function transcribe(file: string, bucket: string, signal?: AbortSignal): Promise<string>

const bucket = 'uploads'

export async function transcribePair(a: string, b: string) {
  return Promise.all([transcribe(a, bucket), transcribe(b, bucket)])
}
