import { sweep } from './register.js';

sweep('untyped', [['agent-kit', 'anthropic-sdk', 'langchainjs', 'mcp-typescript-sdk', 'openai-node', 'tanstack-query', 'trpc']]);
