import { sweep } from './register.js';

sweep('typed', ['tanstack-query', 'trpc']);
