import { sweep } from './register.js';

sweep('typed', ['mcp-typescript-sdk', 'openai-node', 'anthropic-sdk']);
