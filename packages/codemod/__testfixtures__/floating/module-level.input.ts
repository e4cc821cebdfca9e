declare function connect(url: string): Promise<void>;

connect('postgres://localhost/app');
