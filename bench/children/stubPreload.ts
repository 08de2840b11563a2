// Loaded with `node --require` before the extension's code: `require('vscode')` gets the stub, with the
// workspace folder named by BENCH_WORKSPACE.
import { createVscodeStub, installVscodeStub } from '../vscodeStub';

installVscodeStub(createVscodeStub(process.env.BENCH_WORKSPACE));
