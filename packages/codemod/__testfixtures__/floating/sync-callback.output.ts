declare function track(event: string): Promise<void>;
declare const button: { addEventListener(type: string, listener: () => void): void };

// An event handler is not async: a marker, never a silent change.
button.addEventListener('click', () => {
  /* taskscope-migrate: floating promise outside an async function: handle it with
     .catch(report), or return it to be awaited */
  track('click');
});
