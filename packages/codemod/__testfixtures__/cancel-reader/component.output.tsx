// A generator beside a component: the rule doesn't care where the file is rendered.
export async function* messages(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

export function Message(props: { text: string }) {
  return <p>{props.text}</p>;
}
