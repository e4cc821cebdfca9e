declare function connect(url: string): Promise<void>;

/* taskscope-migrate: floating promise outside an async function: report its failure with
   .catch(report), or write `void` before it with a comment saying why it may run on, or return
   it so the caller can await it in a scope */
connect('postgres://localhost/app');
