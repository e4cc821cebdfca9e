import { sweep } from './register.js';

sweep('typed', ['langchainjs', 'agent-kit']);
