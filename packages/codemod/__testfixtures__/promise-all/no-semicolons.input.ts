// A file that ends its statements without `;` gets the import without one.
declare function upload(file: string, bucket: string, signal?: AbortSignal): Promise<string>

const bucket = 'uploads'

export async function uploadPair(a: string, b: string) {
  return Promise.all([upload(a, bucket), upload(b, bucket)])
}
