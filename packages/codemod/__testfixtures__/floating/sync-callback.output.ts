declare function track(event: string): Promise<void>;
declare const button: { addEventListener(type: string, listener: () => void): void };

// An event handler is not async: a marker, never a silent change.
button.addEventListener('click', () => {
  /* taskscope-migrate: floating promise outside an async function: report its failure with
     .catch(report), or write `void` before it with a comment saying why it may run on, or return
     it so the caller can await it in a scope */
  track('click');
});
