// The end-to-end proof on the Anthropic TypeScript SDK (../shared/e2e/anthropic-sdk-typescript.tar.gz): see README.md.
import { describeProject } from './describe-project.js';
import { projects } from './projects.js';

describeProject(projects.anthropic);
