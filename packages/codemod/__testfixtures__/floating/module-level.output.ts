declare function connect(url: string): Promise<void>;

/* taskscope-migrate: floating promise outside an async function: handle it with .catch(report),
   or return it to be awaited */
connect('postgres://localhost/app');
