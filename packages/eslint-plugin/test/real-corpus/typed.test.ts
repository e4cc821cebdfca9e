import { sweep } from './register.js';

sweep('typed', [
  ['langchainjs', 'agent-kit'],
  ['tanstack-query', 'trpc'],
  ['mcp-typescript-sdk', 'openai-node', 'anthropic-sdk'],
]);
