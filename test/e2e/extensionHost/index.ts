// Loaded by code-server's extension host through the payload URL (extensionTestsPath): runs every
// *.spec.js beside it against the workspace the harness opened (the sandbox's .env).
import { runSuites } from '../harness/extensionHostRunner';

export function run(): Promise<void> {
  return runSuites(__dirname, /\.spec\.js$/);
}
