declare function connect(url: string): Promise<void>;

/* taskscope-migrate: floating promise outside an async function: give it an owner */
connect('postgres://localhost/app');
