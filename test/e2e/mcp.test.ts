// The end-to-end proof on the MCP TypeScript SDK (../shared/e2e/mcp-typescript-sdk.tar.gz): see README.md.
import { describeProject } from './describe-project.js';
import { projects } from './projects.js';

describeProject(projects.mcp);
