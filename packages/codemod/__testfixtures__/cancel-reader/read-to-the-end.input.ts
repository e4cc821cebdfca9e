// Read to the end before anything is handed out: no consumer can stop it halfway.
export async function body(response: Response): Promise<string> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += value;
    }
  } finally {
    reader.releaseLock();
  }
}
